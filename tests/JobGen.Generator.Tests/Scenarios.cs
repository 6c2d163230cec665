namespace JobGen.Generator.Tests;

/// <summary>User code for the snapshot scenarios (every supported argument shape, plus accessibility and invalid jobs).</summary>
internal static class Scenarios
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["StaticJob"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Shop.Billing;

            /// <summary>Billing jobs.</summary>
            public static class InvoiceJobs
            {
                /// <summary>Sends an invoice.</summary>
                [BackgroundJob]
                public static Task SendInvoice(int invoiceId, string email) => Task.CompletedTask;

                /// <summary>Deprecated, but payloads already queued must still run (no CS0618 from generated code).</summary>
                [System.Obsolete("Use SendInvoice")]
                [BackgroundJob]
                public static void SendInvoiceV0(int invoiceId) { }
            }

            /// <summary>Uses the generated API.</summary>
            public static class Caller
            {
                /// <summary>Enqueues.</summary>
                public static async Task<string> Run(IJobClient jobs)
                {
                    await jobs.ScheduleSendInvoiceAsync(1, "a@b.c", System.TimeSpan.FromMinutes(5));
                    return await jobs.EnqueueSendInvoiceAsync(invoiceId: 42, email: "a@b.c");
                }
            }
            """,

        ["RecurringJobs"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;

            namespace Shop.Reports;

            /// <summary>Scheduled jobs.</summary>
            public sealed class ReportJobs
            {
                /// <summary>Every night at 03:00 in Paris; arguments with defaults are encoded with their defaults.</summary>
                [BackgroundJob("reports.nightly", Queue = "reports")]
                [Recurring("0 3 * * *", TimeZone = "Europe/Paris")]
                public Task BuildNightly(JobContext context, CancellationToken ct, int days = 1, string format = "pdf") => Task.CompletedTask;

                /// <summary>Every ten seconds, UTC, missed ticks skipped.</summary>
                [BackgroundJob]
                [Recurring("*/10 * * * * *", MissedTicks = MissedTicks.Skip)]
                public static void Heartbeat() { }

                /// <summary>Not recurring: its schedules come from AddRecurring with a request.</summary>
                [BackgroundJob]
                public static void Build(int reportId) { }

                /// <summary>Invalid schedule (reported by the analyzers): not registered.</summary>
                [BackgroundJob]
                [Recurring("0 3 * *")]
                public static void Broken() { }
            }
            """,

        ["InstanceJobWithConstructorInjection"] = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;

            namespace Shop.Mail;

            /// <summary>Sends mail.</summary>
            public interface IEmailSender { }

            /// <summary>Optional clock.</summary>
            public interface IClock { }

            /// <summary>Welcome emails; resolved from DI per run and disposed after it.</summary>
            public sealed class WelcomeJobs : IAsyncDisposable
            {
                /// <summary>Fewer parameters: not chosen.</summary>
                public WelcomeJobs(IEmailSender sender) : this(sender, null, null) { }

                /// <summary>The constructor with most parameters is the one the dispatcher calls.</summary>
                public WelcomeJobs(IEmailSender sender, IClock? clock, int? limit, string name = "welcome", int retries = 3) { }

                /// <summary>Sends the welcome email.</summary>
                [BackgroundJob(Queue = "mailers", MaxAttempts = 10)]
                public Task SendWelcomeEmail(int userId, string locale, CancellationToken ct) => Task.CompletedTask;

                /// <inheritdoc />
                public ValueTask DisposeAsync() => default;
            }
            """,

        ["CancellationTokenAndJobContext"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;

            namespace Reports;

            /// <summary>Reports.</summary>
            public sealed class ReportJobs
            {
                /// <summary>Token first, context last: both supplied by the worker, not in the payload.</summary>
                [BackgroundJob]
                public ValueTask Build(CancellationToken cancellationToken, long reportId, JobContext context) => default;

                /// <summary>Only a token.</summary>
                [BackgroundJob]
                public static Task Purge(CancellationToken ct) => Task.CompletedTask;
            }
            """,

        ["ReturnKinds"] = """
            using System;
            using System.Threading.Tasks;
            using JobGen;

            namespace Kinds;

            /// <summary>One job per return kind, on a disposable class.</summary>
            public sealed class KindJobs : IDisposable
            {
                /// <summary>void.</summary>
                [BackgroundJob] public void Sync(int a) { }

                /// <summary>Task.</summary>
                [BackgroundJob] public Task Tasked(int a) => Task.CompletedTask;

                /// <summary>ValueTask.</summary>
                [BackgroundJob] public ValueTask Valued(int a) => default;

                /// <summary>Static void.</summary>
                [BackgroundJob] public static void StaticSync() { }

                /// <inheritdoc />
                public void Dispose() { }
            }
            """,

        ["NestedClass"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Outer.Space;

            /// <summary>Outer.</summary>
            public static class Station
            {
                /// <summary>Inner.</summary>
                public sealed class Dock
                {
                    /// <summary>Innermost.</summary>
                    public static class Bay
                    {
                        /// <summary>Nested job.</summary>
                        [BackgroundJob]
                        public static Task Launch(string rocket) => Task.CompletedTask;
                    }
                }
            }
            """,

        ["GlobalNamespace"] = """
            using System.Threading.Tasks;
            using JobGen;

            /// <summary>No namespace.</summary>
            public static class RootJobs
            {
                /// <summary>Job in the global namespace.</summary>
                [BackgroundJob]
                public static Task Ping(int n) => Task.CompletedTask;
            }
            """,

        ["CustomIdAndQueue"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Shop;

            /// <summary>Jobs with explicit options.</summary>
            public static class OrderJobs
            {
                /// <summary>Explicit id, queue, attempts and timeout.</summary>
                [BackgroundJob("orders.ship \"express\"\n*/", Queue = "critical", MaxAttempts = 3, TimeoutSeconds = 30)]
                public static Task Ship(int orderId) => Task.CompletedTask;
            }
            """,

        ["JobPriority"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Shop;

            /// <summary>Jobs with and without a priority.</summary>
            public static class IndexJobs
            {
                /// <summary>Runs before the queue's priority-0 jobs on storages with priorities.</summary>
                [BackgroundJob("index.rebuild", Priority = -5)]
                public static Task Rebuild(int tenant) => Task.CompletedTask;

                /// <summary>Priority 0 (the default): no header.</summary>
                [BackgroundJob("index.compact", Priority = 0)]
                public static Task Compact(int tenant) => Task.CompletedTask;
            }
            """,

        ["MessagePackObjectArguments"] = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using JobGen;
            using MessagePack;

            namespace Shop.Catalog;

            /// <summary>Settable members, a gap at key 1, nested and recursive members.</summary>
            [MessagePackObject]
            public sealed class Product
            {
                /// <summary>Id.</summary>
                [Key(0)] public int Id { get; set; }
                /// <summary>Name.</summary>
                [Key(2)] public string Name { get; set; } = "";
                /// <summary>Price.</summary>
                [Key(3)] public Money Price { get; init; }
                /// <summary>Tags.</summary>
                [Key(4)] public List<string>? Tags { get; set; }
                /// <summary>Recursive.</summary>
                [Key(5)] public Product? Replacement { get; set; }
                /// <summary>Ignored.</summary>
                [IgnoreMember] public string Computed => Name;
            }

            /// <summary>A struct.</summary>
            [MessagePackObject]
            public struct Money
            {
                /// <summary>Amount.</summary>
                [Key(0)] public decimal Amount;
                /// <summary>Currency.</summary>
                [Key(1)] public string Currency;
            }

            /// <summary>Built through its constructor.</summary>
            [MessagePackObject]
            public sealed record Address([property: Key(0)] string Street, [property: Key(1)] string? City);

            /// <summary>Jobs taking user types and collections of them.</summary>
            public static class CatalogJobs
            {
                /// <summary>Imports products.</summary>
                [BackgroundJob]
                public static Task Import(Product product, IReadOnlyList<Product> related, Dictionary<string, Address> warehouses, Address[]? extra, int[][] matrix)
                    => Task.CompletedTask;
            }
            """,

        ["NullableAndEnumArguments"] = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using JobGen;

            namespace Alerts;

            /// <summary>Severity.</summary>
            public enum Severity : byte
            {
                /// <summary>Low.</summary>
                Low,
                /// <summary>High.</summary>
                High,
            }

            /// <summary>64-bit flags.</summary>
            [Flags]
            public enum Channels : long
            {
                /// <summary>None.</summary>
                None = 0,
                /// <summary>Email.</summary>
                Email = 1,
                /// <summary>SMS (beyond 32 bits).</summary>
                Sms = 1L << 40,
            }

            /// <summary>Alert jobs.</summary>
            public static class AlertJobs
            {
                /// <summary>Nullable values, enums and defaults.</summary>
                [BackgroundJob]
                public static void Raise(Severity severity, Channels channels, int? retryAfter, Guid? correlation, string? note,
                    IReadOnlyDictionary<string, string?>? labels, DateTime at, DateTimeOffset seen, TimeSpan window, byte[]? blob,
                    decimal threshold = 1.5m, Severity fallback = Severity.High, string source = "api", double ratio = double.NaN)
                {
                }
            }
            """,

        ["MethodNameCollision"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Collide
            {
                /// <summary>First.</summary>
                public static class Emails
                {
                    /// <summary>Send; its parameters reuse the generated names.</summary>
                    [BackgroundJob] public static Task Send(string client, string options, int cancellationToken, long runAt, int delay) => Task.CompletedTask;
                }

                /// <summary>Second.</summary>
                public static class Sms
                {
                    /// <summary>Send too.</summary>
                    [BackgroundJob] public static Task Send(string number) => Task.CompletedTask;
                }
            }

            namespace Other
            {
                /// <summary>Same type name as Collide.Sms.</summary>
                public static class Sms
                {
                    /// <summary>Third Send.</summary>
                    [BackgroundJob] public static Task Send(string number, string @class) => Task.CompletedTask;
                }
            }
            """,

        ["InternalJobs"] = """
            using System.Threading.Tasks;
            using JobGen;

            namespace Hidden;

            [MessagePack.MessagePackObject]
            internal sealed record Secret([property: MessagePack.Key(0)] int Value);

            /// <summary>Public type, internal method.</summary>
            public static class InternalJobs
            {
                [BackgroundJob] internal static Task Internal(int a) => Task.CompletedTask;

                /// <summary>Internal type argument: internal API.</summary>
                [BackgroundJob] internal static Task WithInternalType(Level level, Secret secret) => Task.CompletedTask;
            }

            internal enum Level { A }
            """,

        ["InvalidJobsAreSkipped"] = """
            using System.IO;
            using System.Threading.Tasks;
            using JobGen;

            namespace Broken;

            /// <summary>Only Valid is emitted; the analyzers report the rest.</summary>
            public static class MixedJobs
            {
                /// <summary>Valid.</summary>
                [BackgroundJob] public static Task Valid(int a) => Task.CompletedTask;
                /// <summary>Stream.</summary>
                [BackgroundJob] public static Task TakesStream(Stream s) => Task.CompletedTask;
                /// <summary>Generic.</summary>
                [BackgroundJob] public static Task Generic<T>(int a) => Task.CompletedTask;
                /// <summary>Result.</summary>
                [BackgroundJob] public static Task<int> Result(int a) => Task.FromResult(a);
                /// <summary>ref.</summary>
                [BackgroundJob] public static void ByRef(ref int a) { }
                /// <summary>Duplicate id 1.</summary>
                [BackgroundJob("dup")] public static void Dup1() { }
                /// <summary>Duplicate id 2.</summary>
                [BackgroundJob("dup")] public static void Dup2() { }
                /// <summary>Object.</summary>
                [BackgroundJob] public static void Untyped(object o) { }
            }
            """,
    };
}
