using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.ManifestAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// JG0010's type rules in both directions: a widening the reader accepts (int → long, float → double, Half → float,
/// T → T?) is compatible (JG0011, update the manifest); the reverse narrowing is breaking, and an error by default.
/// </summary>
public sealed class ManifestWireCompatibilityTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using JobGen;

        """;

    private static DiagnosticResult Breaking(int markup, string jobId, string what) =>
        new DiagnosticResult("JG0010", DiagnosticSeverity.Error).WithLocation(markup).WithArguments(jobId, what);

    private static DiagnosticResult Compatible(int markup, string jobId, string what) =>
        new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(markup).WithArguments(jobId, "differs compatibly from its manifest entry (" + what + ")");

    [Fact]
    public Task Widening_is_compatible() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("w.int-long")] public static void {|#0:A|}(long v, CancellationToken ct) { }
            [BackgroundJob("w.byte-uint")] public static void {|#1:B|}(uint v, CancellationToken ct) { }
            [BackgroundJob("w.float-double")] public static void {|#2:C|}(double v, CancellationToken ct) { }
            [BackgroundJob("w.half-float")] public static void {|#3:D|}(float v, CancellationToken ct) { }
            [BackgroundJob("w.nullable")] public static void {|#4:E|}(Guid? v, CancellationToken ct) { }
        }
        """,
        """
        w.byte-uint(v:byte)
        w.float-double(v:float)
        w.half-float(v:System.Half)
        w.int-long(v:int)
        w.nullable(v:System.Guid)
        """,
        Compatible(0, "w.int-long", "argument 'v' was widened from int to long"),
        Compatible(1, "w.byte-uint", "argument 'v' was widened from byte to uint"),
        Compatible(2, "w.float-double", "argument 'v' was widened from float to double"),
        Compatible(3, "w.half-float", "argument 'v' was widened from System.Half to float"),
        Compatible(4, "w.nullable", "argument 'v' changed from System.Guid to System.Guid?"));

    [Fact]
    public Task Narrowing_is_breaking() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("n.long-int")] public static void {|#0:A|}(int v, CancellationToken ct) { }
            [BackgroundJob("n.uint-byte")] public static void {|#1:B|}(byte v, CancellationToken ct) { }
            [BackgroundJob("n.double-float")] public static void {|#2:C|}(float v, CancellationToken ct) { }
            [BackgroundJob("n.float-half")] public static void {|#3:D|}(Half v, CancellationToken ct) { }
            [BackgroundJob("n.nullable")] public static void {|#4:E|}(Guid v, CancellationToken ct) { }
            [BackgroundJob("n.signed")] public static void {|#5:F|}(uint v, CancellationToken ct) { }
        }
        """,
        """
        n.double-float(v:double)
        n.float-half(v:float)
        n.long-int(v:long)
        n.nullable(v:System.Guid?)
        n.signed(v:int)
        n.uint-byte(v:uint)
        """,
        Breaking(0, "n.long-int", "argument 'v' was narrowed from long to int (a queued value may not fit)"),
        Breaking(1, "n.uint-byte", "argument 'v' was narrowed from uint to byte (a queued value may not fit)"),
        Breaking(2, "n.double-float", "argument 'v' was narrowed from double to float (a queued value may not fit)"),
        Breaking(3, "n.float-half", "argument 'v' was narrowed from float to System.Half (a queued value may not fit)"),
        Breaking(4, "n.nullable", "argument 'v' was narrowed from System.Guid? to System.Guid (a queued null would not decode)"),
        Breaking(5, "n.signed", "argument 'v' changed type from int to uint"));
}
