namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// The fuzzers' seed and size. Fixed by default so a CI failure replays exactly; override with
/// <c>JOBGEN_FUZZ_SEED</c> (any int) and <c>JOBGEN_FUZZ_INPUTS</c> to explore further.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20261128;
    public const int DefaultInputs = 100_000;

    public static int Seed => ReadInt("JOBGEN_FUZZ_SEED", DefaultSeed);

    public static int Inputs => Math.Max(1, ReadInt("JOBGEN_FUZZ_INPUTS", DefaultInputs));

    private static int ReadInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
