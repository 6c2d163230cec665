namespace JobGen.Testing;

/// <summary>
/// Its presence in a compilation tells JobGen's generator that the project is a test project: the generator then
/// emits the typed assertions (<c>jobs.AssertEnqueued.SendWelcomeEmail(...)</c>) for every job the project can see.
/// Production assemblies do not reference this package and carry none of them.
/// </summary>
public static class JobGenTestingMarker
{
}
