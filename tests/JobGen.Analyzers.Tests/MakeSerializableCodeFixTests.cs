using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0001 fix: [MessagePackObject] and numbered [Key]s on user types, one fix and fix-all.</summary>
public sealed class MakeSerializableCodeFixTests
{
    [Fact]
    public Task Adds_MessagePackObject_keys_and_using() => CodeFixVerifier<JobDeclarationAnalyzer, MakeSerializableCodeFixProvider>.VerifyAsync("""
        using System.Threading;
        using JobGen;

        public sealed class Order
        {
            public int Number { get; set; }
            public string Customer { get; set; } = "";
            public static int Count;
            private int _hidden;
        }

        public static class Jobs
        {
            [BackgroundJob]
            public static void Ship(Order {|JG0001:order|}, CancellationToken ct) { }
        }
        """, """
        using System.Threading;
        using JobGen;
        using MessagePack;

        [MessagePackObject]
        public sealed class Order
        {
            [Key(0)]
            public int Number { get; set; }
            [Key(1)]
            public string Customer { get; set; } = "";
            public static int Count;
            private int _hidden;
        }

        public static class Jobs
        {
            [BackgroundJob]
            public static void Ship(Order order, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Numbers_missing_keys_after_the_highest_and_keys_record_parameters() => CodeFixVerifier<JobDeclarationAnalyzer, MakeSerializableCodeFixProvider>.VerifyAsync("""
        using System.Threading;
        using JobGen;
        using MessagePack;

        [MessagePackObject]
        public sealed class Receipt
        {
            [Key(3)] public int Number { get; set; }
            public string Note { get; set; } = "";
        }

        public sealed record Line(int Sku, int Quantity);

        public static class Jobs
        {
            [BackgroundJob]
            public static void Send(Receipt {|JG0001:receipt|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Pick(Line {|JG0001:line|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Repick(Line {|JG0001:line|}, CancellationToken ct) { }
        }
        """, """
        using System.Threading;
        using JobGen;
        using MessagePack;

        [MessagePackObject]
        public sealed class Receipt
        {
            [Key(3)] public int Number { get; set; }
            [Key(4)]
            public string Note { get; set; } = "";
        }

        [MessagePackObject]
        public sealed record Line([property: Key(0)] int Sku, [property: Key(1)] int Quantity);

        public static class Jobs
        {
            [BackgroundJob]
            public static void Send(Receipt receipt, CancellationToken ct) { }

            [BackgroundJob]
            public static void Pick(Line line, CancellationToken ct) { }

            [BackgroundJob]
            public static void Repick(Line line, CancellationToken ct) { }
        }
        """);

    [Fact]
    public async Task Edits_the_type_in_its_own_document()
    {
        var test = new CodeFixVerifier<JobDeclarationAnalyzer, MakeSerializableCodeFixProvider>.Test();
        test.TestState.Sources.Add(("Jobs.cs", """
            using System.Threading;
            using JobGen;
            using Shop.Models;

            public static class Jobs
            {
                [BackgroundJob]
                public static void Pack(Parcel {|JG0001:parcel|}, CancellationToken ct) { }
            }
            """));
        test.TestState.Sources.Add(("Models.cs", """
            namespace Shop.Models;

            public sealed class Parcel
            {
                public string Label { get; init; } = "";

                public double WeightKg;
            }
            """));
        test.FixedState.Sources.Add(("Jobs.cs", """
            using System.Threading;
            using JobGen;
            using Shop.Models;

            public static class Jobs
            {
                [BackgroundJob]
                public static void Pack(Parcel parcel, CancellationToken ct) { }
            }
            """));
        test.FixedState.Sources.Add(("Models.cs", """
            using MessagePack;

            namespace Shop.Models;

            [MessagePackObject]
            public sealed class Parcel
            {
                [Key(0)]
                public string Label { get; init; } = "";

                [Key(1)]
                public double WeightKg;
            }
            """));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
