using JobGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.ManifestAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0009, JG0010 and JG0011 against a JobGen.Shipped.txt AdditionalFile.</summary>
public sealed class ManifestAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using JobGen;

        """;

    private static DiagnosticResult Breaking(int markup, string jobId, string what) =>
        new DiagnosticResult("JG0010", DiagnosticSeverity.Error).WithLocation(markup).WithArguments(jobId, what);

    [Fact]
    public Task Without_a_manifest_nothing_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("emails.welcome")]
            public static void Welcome(int userId, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Jobs_matching_the_manifest_are_not_reported() => Verify.VerifyAsync(Usings + """
        namespace Shop;

        public static class Jobs
        {
            [BackgroundJob("emails.welcome")]
            public static void Welcome(int userId, string? locale, List<Guid> tags, string source = "web", CancellationToken ct = default) { }

            [BackgroundJob]
            public static void Cleanup(CancellationToken ct) { }
        }
        """,
        """
        # shipped jobs: one per line
        Shop.Jobs.Cleanup()
        emails.welcome(userId:int, locale:string?, tags:System.Collections.Generic.List<System.Guid>, source:string="web")
        """);

    [Fact]
    public Task Jg0011_job_not_in_the_manifest() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("emails.welcome")]
            public static void Welcome(int userId, CancellationToken ct) { }

            [BackgroundJob("emails.goodbye")]
            public static void {|JG0011:Goodbye|}(int userId, CancellationToken ct) { }
        }
        """,
        "emails.welcome(userId:int)\n");

    [Fact]
    public Task Jg0010_removed_job_is_reported_on_its_manifest_line() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("emails.welcome")]
            public static void Welcome(int userId, CancellationToken ct) { }
        }
        """,
        "emails.welcome(userId:int)\n{|#0:emails.legacy(userId:int)|}\n",
        Breaking(0, "emails.legacy", "was removed or its id changed"));

    [Fact]
    public Task Jg0010_argument_added_without_default_removed_reordered_and_retyped() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("a.added")]
            public static void {|#0:Added|}(int userId, string locale, CancellationToken ct) { }

            [BackgroundJob("a.removed")]
            public static void {|#1:Removed|}(int userId, CancellationToken ct) { }

            [BackgroundJob("a.reordered")]
            public static void {|#2:Reordered|}(int b, int a, CancellationToken ct) { }

            [BackgroundJob("a.retyped")]
            public static void {|#3:Retyped|}(string userId, CancellationToken ct) { }
        }
        """,
        """
        a.added(userId:int)
        a.removed(userId:int, locale:string)
        a.reordered(a:int, b:int)
        a.retyped(userId:int)
        """,
        Breaking(0, "a.added", "argument 'locale' was added without a default value"),
        Breaking(1, "a.removed", "argument 'locale' was removed"),
        Breaking(2, "a.reordered", "argument 'a' moved from position 1 to 2; argument 'b' moved from position 2 to 1"),
        Breaking(3, "a.retyped", "argument 'userId' changed type from int to string"));

    [Fact]
    public Task Recurring_schedules_are_recorded_and_adding_changing_or_removing_one_asks_for_a_manifest_update() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("r.same"), Recurring("0 3 * * *", TimeZone = "Europe/Paris", MissedTicks = MissedTicks.Skip)]
            public static void Same(CancellationToken ct) { }

            [BackgroundJob("r.added"), Recurring("0 * * * *")]
            public static void {|#0:Added|}(CancellationToken ct) { }

            [BackgroundJob("r.changed"), Recurring("0 4 * * *", TimeZone = "Europe/Paris")]
            public static void {|#1:Changed|}(CancellationToken ct) { }

            [BackgroundJob("r.removed")]
            public static void {|#2:Removed|}(CancellationToken ct) { }
        }
        """,
        """
        r.added()
        r.changed() @ "0 3 * * *" Europe/Paris
        r.removed() @ "*/5 * * * *" UTC
        r.same() @ "0 3 * * *" Europe/Paris skip
        """,
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("r.added", "differs compatibly from its manifest entry (has a recurring schedule \"0 * * * *\" UTC not recorded)"),
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(1)
            .WithArguments("r.changed", "differs compatibly from its manifest entry (its recurring schedule changed from \"0 3 * * *\" Europe/Paris to \"0 4 * * *\" Europe/Paris)"),
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(2)
            .WithArguments("r.removed", "differs compatibly from its manifest entry (its recurring schedule \"*/5 * * * *\" UTC was removed)"));

    [Fact]
    public Task Jg0011_compatible_changes_ask_for_a_manifest_update() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("a.optional")]
            public static void {|#0:Optional|}(int userId, string locale = "en", CancellationToken ct = default) { }

            [BackgroundJob("a.renamed")]
            public static void {|#1:Renamed|}(int accountId, CancellationToken ct) { }

            [BackgroundJob("a.nullable")]
            public static void {|#2:Nullable|}(string? note, CancellationToken ct) { }
        }
        """,
        """
        a.nullable(note:string)
        a.optional(userId:int)
        a.renamed(userId:int)
        """,
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("a.optional", "differs compatibly from its manifest entry (argument 'locale' was added with a default value)"),
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(1)
            .WithArguments("a.renamed", "differs compatibly from its manifest entry (argument 'userId' renamed to 'accountId')"),
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(2)
            .WithArguments("a.nullable", "differs compatibly from its manifest entry (argument 'note' changed from string to string?)"));

    [Fact]
    public Task Jg0009_malformed_and_duplicate_lines() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("a.one")]
            public static void One(int id, CancellationToken ct) { }
        }
        """,
        "a.one(id:int)\n{|JG0009:a.one(id:int)|}\n{|JG0009:not a job line|}\n{|JG0009:a.two(id)|}\n");
}
