using System.Diagnostics;
using System.Text;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>What one fuzz run saw: inputs per mutation kind, accepted/rejected counts and every violation.</summary>
internal sealed class FuzzReport
{
    public int Seed { get; init; }
    public int Inputs { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }
    public int AcceptedMalformed { get; set; }
    public long MaxAllocated { get; set; }
    public TimeSpan Slowest { get; set; }
    public Dictionary<string, int> PerKind { get; } = new(StringComparer.Ordinal);
    public List<string> Violations { get; } = [];

    public override string ToString() =>
        $"seed={Seed} inputs={Inputs} accepted={Accepted} acceptedMalformed={AcceptedMalformed} rejected={Rejected} maxAllocatedBytes={MaxAllocated} " +
        $"slowestMs={Slowest.TotalMilliseconds:F1} kinds=[{string.Join(", ", PerKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"))}]";
}

/// <summary>
/// Feeds a decoder mutated inputs and checks its contract on each: it throws <see cref="JobPayloadException"/>
/// and nothing else, or returns only for an input that is one well-formed MessagePack value (checked by an
/// independent validator, so a forged length the decoder silently misreads is caught too); it allocates at most a bound proportional to the input
/// (a forged 2 GB length prefix must not allocate 2 GB); it finishes each input quickly (no hang, no quadratic
/// blow-up). The whole run is bounded by a deadline so a true hang fails the test instead of stalling CI.
/// </summary>
internal static class DecoderFuzzer
{
    // Generous: a decoded envelope copies its strings and a header dictionary; a decode error builds an exception.
    public static long AllocationBound(int inputLength) => (256 * 1024) + (64L * inputLength);

    public static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(5);

    public static async Task<FuzzReport> RunAsync(
        int seed, int inputs, IReadOnlyList<byte[]> corpus, Action<ReadOnlyMemory<byte>> decode, TimeSpan deadline, bool requireWellFormed = true)
    {
        var report = new FuzzReport { Seed = seed };
        using var cts = new CancellationTokenSource(deadline);
        var run = Task.Run(() => Loop(report, inputs, corpus, decode, requireWellFormed, cts.Token), CancellationToken.None);
        try
        {
            await run.WaitAsync(deadline + TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            report.Violations.Add($"the run did not finish within {deadline} (a decoder hangs)");
        }

        return report;
    }

    private static void Loop(
        FuzzReport report, int inputs, IReadOnlyList<byte[]> corpus, Action<ReadOnlyMemory<byte>> decode, bool requireWellFormed, CancellationToken deadline)
    {
        var mutator = new PayloadMutator(new Random(report.Seed), corpus);
        var clock = new Stopwatch();
        for (var i = 0; i < inputs; i++)
        {
            if (deadline.IsCancellationRequested)
            {
                report.Violations.Add($"deadline reached after {i} inputs (a decoder is too slow)");
                return;
            }

            var input = mutator.Next(out var kind);
            report.PerKind[kind] = report.PerKind.GetValueOrDefault(kind) + 1;
            report.Inputs++;
            var before = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            try
            {
                decode(input);
                report.Accepted++;
                if (!StrictMessagePack.IsSingleValue(input))
                {
                    report.AcceptedMalformed++;
                    if (requireWellFormed)
                    {
                        Violate(report, i, kind, input, "accepted although it is not exactly one well-formed MessagePack value");
                    }
                }
            }
            catch (JobPayloadException)
            {
                report.Rejected++;
            }
#pragma warning disable CA1031 // the point is to catch whatever escapes the decoder
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Violate(report, i, kind, input, $"threw {ex.GetType().FullName}: {ex.Message}");
            }

            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            report.MaxAllocated = Math.Max(report.MaxAllocated, allocated);
            if (allocated > AllocationBound(input.Length))
            {
                Violate(report, i, kind, input, $"allocated {allocated:N0} bytes for a {input.Length}-byte input");
            }

            if (clock.Elapsed > report.Slowest)
            {
                report.Slowest = clock.Elapsed;
            }

            if (clock.Elapsed > PerInputBound)
            {
                Violate(report, i, kind, input, $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
            }
        }
    }

    private static void Violate(FuzzReport report, int index, string kind, byte[] input, string what)
    {
        if (report.Violations.Count < 20)
        {
            var hex = Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)));
            report.Violations.Add($"input #{index} ({kind}, {input.Length} bytes, starts {hex}): {what}");
        }
    }

    public static string Describe(FuzzReport report)
    {
        var text = new StringBuilder(report.ToString());
        foreach (var violation in report.Violations)
        {
            text.AppendLine().Append("  ").Append(violation);
        }

        text.AppendLine().Append("  replay: JOBGEN_FUZZ_SEED=").Append(report.Seed);
        return text.ToString();
    }
}
