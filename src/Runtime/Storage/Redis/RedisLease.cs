using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace JobGen.Storage.Redis;

/// <summary>
/// The in-flight member of a lease: <c>v</c>, the 16-hex-digit lease number (unique per queue, from the fetch
/// script), the payload's length in 8 hex digits, then the payload bytes. Ack, renew, retry, kill and requeue address
/// the member, so after a lease is rescued and fetched again, the old holder's ack misses instead of dropping the new
/// lease. A fetch reply is members back to back (<see cref="RedisScripts.Fetch"/>); each job's payload is a slice of
/// its chunk, the chunk is the job's lease token, and the member is the payload's slice widened by the prefix in
/// front of it: no per-job copy. Members written before the length was added (<c>%016x</c> + payload) are still
/// understood where stored members are read (rescue, requeue, listings).
/// </summary>
internal static class RedisLease
{
    public const int PrefixLength = 25;
    private const int OldPrefixLength = 16;
    private const byte Marker = (byte)'v';

    /// <summary>Adds a job for every member in a fetch reply's <paramref name="chunk"/>.</summary>
    public static void Split(string queue, byte[] chunk, List<FetchedJob> jobs)
    {
        var offset = 0;
        while (offset < chunk.Length)
        {
            var rest = chunk.AsSpan(offset);
            if (rest.Length < PrefixLength || rest[0] != Marker
                || !Utf8Parser.TryParse(rest.Slice(17, 8), out uint length, out var used, 'x') || used != 8
                || length > rest.Length - PrefixLength)
            {
                throw new InvalidOperationException($"The fetch script's reply is malformed at byte {offset} of {chunk.Length}: a script from another JobGen version?");
            }

            jobs.Add(new FetchedJob(queue, chunk.AsMemory(offset + PrefixLength, (int)length)) { LeaseToken = chunk });
            offset += PrefixLength + (int)length;
        }
    }

    /// <summary>The payload inside a stored in-flight member.</summary>
    public static ReadOnlyMemory<byte> PayloadOf(byte[] member) =>
        member.AsMemory(member.Length >= PrefixLength && member[0] == Marker ? PrefixLength : OldPrefixLength);

    /// <summary>The member of a job this storage fetched; anything else is a caller's mistake.</summary>
    public static ReadOnlyMemory<byte> MemberOf(FetchedJob job) =>
        job.LeaseToken is byte[] chunk
        && MemoryMarshal.TryGetArray(job.Payload, out var payload)
        && ReferenceEquals(payload.Array, chunk)
        && payload.Offset >= PrefixLength
            ? chunk.AsMemory(payload.Offset - PrefixLength, payload.Count + PrefixLength)
            : throw new ArgumentException($"The job from queue '{job.Queue}' was not fetched from a RedisJobStorage (it has no Redis lease).", nameof(job));
}
