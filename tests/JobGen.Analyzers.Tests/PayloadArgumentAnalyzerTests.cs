using JobGen.Analyzers.Tests.Infrastructure;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.PayloadArgumentAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0006: entities, collections of entities, raw bytes and secrets as job arguments.</summary>
public sealed class PayloadArgumentAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using JobGen;
        using MessagePack;

        [MessagePackObject]
        public sealed class Customer
        {
            [Key(0)] public int Id { get; set; }
            [Key(1)] public string Name { get; set; } = "";
        }

        [MessagePackObject]
        public sealed class Invoice
        {
            [Key(0)] public Guid InvoiceId { get; set; }
        }

        [MessagePackObject]
        public sealed class WelcomeEmail
        {
            [Key(0)] public string Locale { get; set; } = "";
            [Key(1)] public string DisplayName { get; set; } = "";
        }

        [MessagePackObject]
        public sealed class Login
        {
            [Key(0)] public string User { get; set; } = "";
            [Key(1)] public string Password { get; set; } = "";
        }

        """;

    [Fact]
    public Task Entities_collections_bytes_and_secrets_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob]
            public static void Bill(Customer {|JG0006:customer|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Pay(Invoice {|JG0006:invoice|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Remind(List<Customer> {|JG0006:customers|}, Customer[] {|JG0006:more|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Thumbnail(byte[] {|JG0006:image|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Reset(int userId, string {|JG0006:password|}, string {|JG0006:resetToken|}, string {|JG0006:api_key|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void SignIn(Login {|JG0006:login|}, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Ids_and_small_value_objects_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob]
            public static void Bill(int customerId, Guid invoiceId, List<int> lineIds, IReadOnlyList<string> tags, CancellationToken ct) { }

            [BackgroundJob]
            public static void Welcome(int userId, WelcomeEmail email, Dictionary<string, string> data, CancellationToken ct) { }

            [BackgroundJob]
            public static void Flags(bool hasPassword, string className, string businessName, string pageToken, string shipping, CancellationToken ct) { }
        }
        """);
}
