namespace JobGen.Packaging.Tests;

/// <summary>
/// A user's solution on the packed packages: a library of jobs on <c>JobGen</c>, and a test project that references
/// that library and only the <c>JobGen.Testing</c> package. The generator reaches the test project through the
/// package's dependency and writes typed assertions for the library's jobs; the project runs them, and NUnit and
/// MSTest test classes that use them compile beside each other (no test framework is the package's own).
/// </summary>
public sealed class TestingPackageTests(PackedFeed packages)
{
    // The versions pinned in Directory.Packages.props, so restore finds them in the machine's cache.
    private const string NUnitVersion = "5.0.0";
    private const string MSTestVersion = "4.5.3";

    private const string Jobs = """
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        namespace Shop;

        /// <summary>Where shipments go.</summary>
        public interface IShipments
        {
            /// <summary>Ships one order.</summary>
            void Add(int orderId);
        }

        /// <summary>Shipping jobs.</summary>
        public sealed class Shipping(IShipments shipments)
        {
            /// <summary>Ships an order.</summary>
            [BackgroundJob("shop.ship", Queue = "shipping")]
            public Task Ship(int orderId, string street, CancellationToken ct)
            {
                shipments.Add(orderId);
                return Task.CompletedTask;
            }
        }
        """;

    private const string Program = """
        using System;
        using System.Collections.Generic;
        using JobGen;
        using JobGen.Testing;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;

        var shipped = new Shipments();
        await using var jobs = new FakeJobClient(services => services.AddShopJobs().AddSingleton<IShipments>(shipped));
        await jobs.EnqueueShipAsync(7, "Main St");
        jobs.AssertEnqueued.Ship(orderId: 7, street: "Main St", queue: "shipping");
        jobs.AssertNotEnqueued.Ship(orderId: 8);
        await jobs.DrainAsync();
        if (shipped.Orders.Count != 1 || shipped.Orders[0] != 7)
        {
            return 1;
        }

        try
        {
            jobs.AssertEnqueued.Ship(orderId: 8);
            return 2;
        }
        catch (JobAssertionException ex)
        {
            Console.WriteLine(ex.Message);
        }

        Console.WriteLine("testing-package-ok");
        return 0;

        sealed class Shipments : IShipments
        {
            public List<int> Orders { get; } = [];

            public void Add(int orderId) => Orders.Add(orderId);
        }
        """;

    private const string NUnitTests = """
        using System.Threading.Tasks;
        using JobGen;
        using JobGen.Testing;
        using NUnit.Framework;

        namespace Shop.Tests;

        [TestFixture]
        public sealed class ShippingNUnitTests
        {
            [Test]
            public async Task Ship_is_enqueued()
            {
                await using var jobs = new FakeJobClient();
                await jobs.EnqueueShipAsync(1, "x");
                jobs.AssertEnqueued.Ship(orderId: 1);
            }
        }
        """;

    private const string MSTestTests = """
        using System.Threading.Tasks;
        using JobGen;
        using JobGen.Testing;
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        namespace Shop.Tests;

        [TestClass]
        public sealed class ShippingMSTestTests
        {
            [TestMethod]
            public async Task Ship_is_enqueued()
            {
                await using var jobs = new FakeJobClient();
                await jobs.EnqueueShipAsync(1, "x");
                jobs.AssertEnqueued.Ship(orderId: 1);
            }
        }
        """;

    [Fact]
    public async Task A_test_project_on_the_package_gets_typed_assertions_for_a_referenced_librarys_jobs()
    {
        var root = packages.NewProjectFolder("testing-package");
        var lib = Directory.CreateDirectory(Path.Combine(root, "Shop")).FullName;
        var tests = Directory.CreateDirectory(Path.Combine(root, "Shop.Tests")).FullName;
        File.WriteAllText(Path.Combine(lib, "Shop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {packages.RestoreProperties(root)}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="JobGen" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(lib, "Shipping.cs"), Jobs);
        File.WriteAllText(Path.Combine(tests, "Shop.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {packages.RestoreProperties(root)}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Shop/Shop.csproj" />
                <PackageReference Include="JobGen.Testing" Version="{packages.Version}" />
                <PackageReference Include="NUnit" Version="{NUnitVersion}" />
                <PackageReference Include="MSTest.TestFramework" Version="{MSTestVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(tests, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(tests, "ShippingNUnitTests.cs"), NUnitTests);
        File.WriteAllText(Path.Combine(tests, "ShippingMSTestTests.cs"), MSTestTests);

        var run = await DotnetCli.RunAsync(tests, TimeSpan.FromMinutes(10), "run", "--project", "Shop.Tests.csproj", "-c", "Debug", "--disable-build-servers");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("testing-package-ok", run.Output, StringComparison.Ordinal);
        Assert.Contains("Expected Ship(orderId: 8) to have been enqueued", run.Output, StringComparison.Ordinal);
        Assert.Contains("Ship(orderId: 7, street: \"Main St\") on queue \"shipping\"", run.Output, StringComparison.Ordinal);
        var generated = Directory.GetFiles(Path.Combine(tests, "obj"), "JobGen.ShopTestsJobAssertions.g.cs", SearchOption.AllDirectories);
        Assert.Contains("shop.ship", File.ReadAllText(Assert.Single(generated)), StringComparison.Ordinal);
        var library = Directory.GetFiles(Path.Combine(lib, "obj"), "*.g.cs", SearchOption.AllDirectories);
        Assert.Contains(library, f => Path.GetFileName(f) == "JobGen.ShopJobs.g.cs");
        Assert.DoesNotContain(library, f => f.Contains("JobAssertions", StringComparison.Ordinal)); // production code carries none
    }
}
