using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace JobGen.Storage.Redis;

/// <summary>
/// The in-flight member of a lease: a 16-hex-digit lease number (unique per queue, from the fetch script)
/// followed by the payload bytes. Ack, renew, retry, kill and requeue address the member, so after a lease
/// is rescued and fetched again, the old holder's ack misses instead of dropping the new lease.
/// A fetch reply frames many members in one chunk (<see cref="RedisScripts.Fetch"/>); each job's payload is a
/// slice of its chunk, the chunk is the job's lease token, and the member is the payload's slice widened by the
/// 16-byte prefix in front of it: no per-job copy.
/// </summary>
internal static class RedisLease
{
    public const int PrefixLength = 16;

    /// <summary>Adds a job for every length-prefixed member in <paramref name="chunk"/>.</summary>
    public static void Split(string queue, byte[] chunk, List<FetchedJob> jobs)
    {
        var offset = 0;
        while (offset < chunk.Length)
        {
            var length = offset + 4 <= chunk.Length ? (int)BinaryPrimitives.ReadUInt32BigEndian(chunk.AsSpan(offset)) : -1;
            if (length < PrefixLength || length > chunk.Length - offset - 4)
            {
                throw new InvalidOperationException($"The fetch script's reply is malformed at byte {offset} of {chunk.Length}: a script from another JobGen version?");
            }

            jobs.Add(new FetchedJob(queue, chunk.AsMemory(offset + 4 + PrefixLength, length - PrefixLength)) { LeaseToken = chunk });
            offset += 4 + length;
        }
    }

    public static ReadOnlyMemory<byte> PayloadOf(byte[] member) => member.AsMemory(PrefixLength);

    /// <summary>The member of a job this storage fetched; anything else is a caller's mistake.</summary>
    public static ReadOnlyMemory<byte> MemberOf(FetchedJob job) =>
        job.LeaseToken is byte[] chunk
        && MemoryMarshal.TryGetArray(job.Payload, out var payload)
        && ReferenceEquals(payload.Array, chunk)
        && payload.Offset >= PrefixLength
            ? chunk.AsMemory(payload.Offset - PrefixLength, payload.Count + PrefixLength)
            : throw new ArgumentException($"The job from queue '{job.Queue}' was not fetched from a RedisJobStorage (it has no Redis lease).", nameof(job));
}
