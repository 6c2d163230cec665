using System.Net;
using System.Net.Sockets;

namespace JobGen.TestServers;

/// <summary>Free loopback TCP ports, found by binding port 0 and releasing it.</summary>
public static class FreePorts
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free port whose Redis Cluster bus port (port + 10000) is free too.</summary>
    public static int NextWithClusterBus()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Next();
            if (port + 10000 <= IPEndPoint.MaxPort && IsFree(port + 10000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port with a free cluster bus port (port + 10000) after 100 tries.");
    }

    /// <summary>Whether <paramref name="port"/> can be bound on 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
