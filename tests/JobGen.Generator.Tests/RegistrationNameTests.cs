using JobGen.Generator.Parsing;

namespace JobGen.Generator.Tests;

/// <summary>
/// The generated class and its registration method (<c>Add{Class}</c>): from the assembly name, not doubling a
/// trailing <c>Jobs</c>, or chosen with <c>[assembly: JobsClassName("...")]</c>. Each case calls the method from user
/// code, so the name is checked by the compiler.
/// </summary>
public sealed class RegistrationNameTests
{
    private const string Job = """
        using System.Threading;
        using JobGen;
        namespace Shop;
        /// <summary>Jobs.</summary>
        public static class Mail
        {
            /// <summary>Job.</summary>
            [BackgroundJob] public static void Send(int id, CancellationToken ct) { }
        }
        """;

    [Theory]
    [InlineData("Shop.App", "ShopAppJobs")]
    [InlineData("Shop.Jobs", "ShopJobs")]
    [InlineData("ShopJobs", "ShopJobs")]
    [InlineData("Shop.BackgroundJobs", "ShopBackgroundJobs")]
    [InlineData("Jobs", "JobsJobs")]
    [InlineData("Shop.Jobsite", "ShopJobsiteJobs")]
    public void The_class_and_method_come_from_the_assembly_name_without_a_doubled_Jobs(string assembly, string className)
    {
        var result = GeneratorHarness.Run(assembly, Job, Caller(className));

        Assert.Equal("JobGen." + className + ".g.cs", Assert.Single(result.Sources).HintName);
        Assert.Empty(GeneratorHarness.Problems(result.Compilation));
    }

    [Fact]
    public void An_assembly_attribute_chooses_the_class_and_so_the_method()
    {
        var result = GeneratorHarness.Run("Shop.Jobs", "[assembly: JobGen.JobsClassName(\"Billing\")]", Job, Caller("Billing"));

        Assert.Equal("JobGen.Billing.g.cs", Assert.Single(result.Sources).HintName);
        Assert.Empty(GeneratorHarness.Problems(result.Compilation));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Shop.Billing")]
    [InlineData("1Billing")]
    public void An_attribute_value_that_is_not_an_identifier_is_ignored(string chosen)
    {
        var result = GeneratorHarness.Run("Shop.Jobs", $"[assembly: JobGen.JobsClassName(\"{chosen}\")]", Job, Caller("ShopJobs"));

        Assert.Empty(GeneratorHarness.Problems(result.Compilation));
    }

    [Fact]
    public void The_worker_message_and_the_generator_share_one_rule()
    {
        Assert.Equal("AddShopJobs", JobsClassName.RegistrationMethod("Shop.Jobs"));
        Assert.Equal("AddShopWorkerJobs", JobsClassName.RegistrationMethod("Shop.Worker"));
        Assert.Equal("Add_2fastJobs", JobsClassName.RegistrationMethod("2fast"));
    }

    private static string Caller(string className) => $$"""
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop;
        /// <summary>Startup.</summary>
        public static class Startup
        {
            /// <summary>Registers.</summary>
            public static void Configure(IServiceCollection services) => JobGen.{{className}}.Add{{className}}(services);
        }
        """;
}
