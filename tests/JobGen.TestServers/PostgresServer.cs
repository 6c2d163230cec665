using System.Diagnostics;
using System.Globalization;

namespace JobGen.TestServers;

/// <summary>
/// A private PostgreSQL server (Debian's packages, /usr/lib/postgresql/N/bin) on a free 127.0.0.1 port, with its
/// own temp directory: <c>initdb</c> as the <c>postgres</c> user when running as root (initdb refuses root),
/// <c>pg_ctl start</c> with the socket in that directory. <c>fsync=off</c> unless durability is under test.
/// Can be stopped (<c>-m immediate</c> is a crash) and started again on the same port and data. Disposing stops it
/// and deletes the directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The superuser initdb creates (trust authentication on loopback).</summary>
    public const string User = "jobgen";

    private readonly string _bin;
    private readonly string[] _settings;

    private PostgresServer(string bin, int port, string directory, string[] settings)
    {
        _bin = bin;
        Port = port;
        Directory = directory;
        _settings = settings;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its directory: data/ (the cluster), the socket and log.</summary>
    public string Directory { get; }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=50");

    /// <summary>
    /// Initializes a cluster and starts it. <paramref name="durable"/> keeps fsync on (crash tests); other
    /// <paramref name="settings"/> are <c>name=value</c> server settings.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false, params string[] settings)
    {
        var bin = FindBin();
        var directory = System.IO.Directory.CreateTempSubdirectory("jobgen-pg-").FullName;
        string[] all = ["max_connections=300", "shared_buffers=128MB", .. durable ? Array.Empty<string>() : ["fsync=off", "full_page_writes=off"], .. settings];
        var server = new PostgresServer(bin, FreePorts.Next(), directory, all);
        try
        {
            if (Environment.UserName == "root")
            {
                await RunAsync("chown", ["-R", "postgres:postgres", directory], asPostgres: false).ConfigureAwait(false);
            }

            await server.PgAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8", "--locale=C"]).ConfigureAwait(false);
            await server.RestartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    private string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>Starts the server on its port and data (after a stop) and waits until it accepts connections.</summary>
    public Task RestartAsync()
    {
        var options = string.Join(' ', new[] { $"-p {Port.ToString(CultureInfo.InvariantCulture)}", $"-k {Directory}", "-c listen_addresses=127.0.0.1" }
            .Concat(_settings.Select(s => "-c " + s)));
        return PgAsync("pg_ctl", ["-D", DataDirectory, "-o", options, "-l", Path.Combine(Directory, "log"), "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server: <c>fast</c> (clean) or <c>immediate</c> (like a crash: recovery at next start).</summary>
    public Task StopAsync(string mode = "fast") =>
        PgAsync("pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"]);

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await PgAsync("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, name]).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await StopAsync("immediate").ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released: the OS temp cleaner takes it.
        }
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin holding initdb; throws (never skips) with the fix when none.</summary>
    public static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (/usr/lib/postgresql/N/bin/initdb) were not found. The PostgreSQL tests need a real server: run ./test.sh, which installs it (apt-get install postgresql).");
    }

    private Task PgAsync(string tool, string[] args) => RunAsync(Path.Combine(_bin, tool), args, asPostgres: true);

    private static async Task RunAsync(string program, string[] args, bool asPostgres)
    {
        // initdb and pg_ctl refuse to run as root: as root, run them as the postgres user.
        var asRoot = asPostgres && Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {text}");
        }
    }
}
