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
            [Key(2)] public List<Invoice> Invoices { get; set; } = new();
        }

        [MessagePackObject]
        public sealed class Invoice
        {
            [Key(0)] public Guid InvoiceId { get; set; }
            [Key(1)] public Customer? Customer { get; set; }
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

    [Fact]
    public Task A_message_with_an_id_alone_is_not_an_entity() => Verify.VerifyAsync(Usings + """
        [MessagePackObject]
        public sealed record OrderPlaced([property: Key(0)] int Id, [property: Key(1)] string Sku, [property: Key(2)] Address ShipTo);

        [MessagePackObject]
        public sealed record Address([property: Key(0)] string Street, [property: Key(1)] string City);

        [MessagePackObject]
        public sealed class Ping
        {
            [Key(0)] public Guid PingId { get; set; }
            [Key(1)] public List<string> Tags { get; set; } = new();
        }

        public static class Jobs
        {
            [BackgroundJob]
            public static void Placed(OrderPlaced message, List<Ping> pings, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Mapping_attributes_and_a_DbSet_make_an_entity() => Verify.VerifyAsync(Usings + """
        [MessagePackObject]
        [System.ComponentModel.DataAnnotations.Schema.Table("products")]
        public sealed class Product
        {
            [Key(0)] public int Id { get; set; }
        }

        [MessagePackObject]
        public sealed class Seat
        {
            [Key(0)] [System.ComponentModel.DataAnnotations.Key] public int SeatId { get; set; }
        }

        [MessagePackObject]
        public sealed class Coupon
        {
            [Key(0)] public int Id { get; set; }
            [Key(1)] public string Code { get; set; } = "";
        }

        public class DbContext { }
        public class DbSet<T> { }
        public sealed class ShopDb : DbContext
        {
            public DbSet<Coupon> Coupons { get; set; } = new();
        }

        public static class Jobs
        {
            [BackgroundJob]
            public static void Sync(Product {|JG0006:product|}, Seat {|JG0006:seat|}, Coupon[] {|JG0006:coupons|}, CancellationToken ct) { }
        }
        """);
}
