namespace JobGen.Testing;

/// <summary>What a <see cref="FakeJobClient"/> does with a job it records.</summary>
public enum FakeJobMode
{
    /// <summary>Records it and keeps it stored until the test drains (<see cref="FakeJobClient.DrainAsync"/>). The default.</summary>
    Record,

    /// <summary>
    /// Records it, then runs every due job at once, before the enqueue returns (Sidekiq's <c>inline!</c>); a run that
    /// fails makes the enqueue throw <see cref="JobAssertionException"/> (the retry is still scheduled, as a worker would).
    /// </summary>
    Inline,
}
