using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Testing.Tests;

/// <summary>The fake client with this assembly's jobs and a journal.</summary>
internal static class TestServices
{
    public static FakeJobClient Create(Journal journal, Action<IServiceCollection>? more = null) =>
        new(services =>
        {
            services.AddJobGenTestingTestsJobs();
            services.AddSingleton(journal);
            more?.Invoke(services);
        });
}
