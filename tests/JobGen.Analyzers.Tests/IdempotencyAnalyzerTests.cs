using JobGen.Analyzers.Tests.Infrastructure;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.IdempotencyAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0005 (each pattern, reported and not) and JG0008.</summary>
public sealed class IdempotencyAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        """;

    /// <summary>EF Core look-alikes: the rule goes by type names, so no EF reference is needed.</summary>
    private const string EfStubs = """

        public class DbContext
        {
            public void Add(object entity) { }
            public Task<int> SaveChangesAsync(CancellationToken ct = default) => Task.FromResult(1);
        }

        public class DbSet<T>
        {
            public void Add(T entity) { }
            public ValueTask<T?> FindAsync(object key) => default;
        }

        public sealed class Order { public int Id { get; set; } }

        public sealed class ShopDb : DbContext { public DbSet<Order> Orders { get; } = new(); }
        """;

    /// <summary>What the generator emits for a job: a typed Enqueue extension on IJobClient.</summary>
    private const string GeneratedEnqueue = """

        public static class GeneratedJobs
        {
            public static ValueTask<string> EnqueueSendReceiptAsync(this IJobClient client, int orderId, EnqueueOptions? options = null, CancellationToken cancellationToken = default) => default;
        }
        """;

    [Fact]
    public Task Clock_reads_are_reported_with_pattern_and_alternative() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public void Run(int id, CancellationToken ct)
            {
                var a = {|#0:DateTime.UtcNow|};
                var b = {|JG0005:DateTime.Now|};
                var c = {|JG0005:DateTimeOffset.UtcNow|};
                var d = {|JG0005:DateTimeOffset.Now|};
                var e = {|JG0005:DateTime.Today|};
            }
        }
        """,
        Verify.Diagnostic("JG0005").WithLocation(0).WithArguments(
            "DateTime.UtcNow", "Jobs.Run", "a retry sees a different time; use the job's JobContext.CreatedAt, or pass the time as an argument"));

    [Fact]
    public Task Guid_random_file_append_and_static_state_are_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            private static int _runs;
            private static long _bytes;
            private int _local;

            [BackgroundJob]
            public async Task Run(int id, string path, CancellationToken ct)
            {
                var key = {|JG0005:Guid.NewGuid()|};
                var r = {|JG0005:new Random()|}.Next() + {|JG0005:Random.Shared|}.Next();
                {|JG0005:_runs++|};
                {|JG0005:_bytes += 10|};
                {|JG0005:Interlocked.Increment(ref _runs)|};
                _local++;
                {|JG0005:File.AppendAllText(path, "line")|};
                await {|JG0005:File.AppendAllLinesAsync(path, new[] { "x" }, ct)|};
                using var stream = new FileStream(path, {|JG0005:FileMode.Append|});
                using var writer = {|JG0005:new StreamWriter(path, append: true)|};
                using var overwrite = new StreamWriter(path, append: false);
            }
        }
        """);

    [Fact]
    public Task Http_post_without_idempotency_key_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(HttpClient http)
        {
            [BackgroundJob]
            public async Task Notify(int id, CancellationToken ct)
            {
                await {|JG0005:http.PostAsync("https://example.test/hooks", new StringContent("{}"), ct)|};
            }

            [BackgroundJob]
            public async Task Send(int id, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/hooks");
                await {|JG0005:http.SendAsync(request, ct)|};
            }
        }
        """);

    [Fact]
    public Task Http_with_idempotency_key_or_get_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Headers { public const string Idempotency = "Idempotency-Key"; }

        public sealed class Jobs(HttpClient http)
        {
            [BackgroundJob]
            public async Task Notify(int id, CancellationToken ct)
            {
                using var content = new StringContent("{}");
                content.Headers.Add("Idempotency-Key", $"notify:{id}");
                await http.PostAsync("https://example.test/hooks", content, ct);
            }

            [BackgroundJob]
            public async Task Send(int id, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/hooks");
                request.Headers.Add(Headers.Idempotency, id.ToString());
                await http.SendAsync(request, ct);
            }

            [BackgroundJob]
            public async Task Fetch(int id, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.test/items");
                await http.SendAsync(request, ct);
                await http.GetStringAsync("https://example.test/items", ct);
            }
        }
        """);

    [Fact]
    public Task Enqueue_inside_a_job_needs_a_stable_key() => Verify.VerifyAsync(Usings + """
        using System.Collections.Generic;

        public sealed class Jobs(IJobClient jobs)
        {
            [BackgroundJob]
            public async Task Checkout(int orderId, JobContext context, CancellationToken ct)
            {
                await {|JG0005:jobs.EnqueueSendReceiptAsync(orderId, cancellationToken: ct)|};
                await {|JG0005:jobs.EnqueueSendReceiptAsync(orderId, new EnqueueOptions { Queue = "mail" }, ct)|};
                await jobs.EnqueueSendReceiptAsync(orderId, new EnqueueOptions
                {
                    Headers = new Dictionary<string, string> { ["idempotency-key"] = context.JobId },
                }, ct);
                var options = BuildOptions(context);
                await jobs.EnqueueSendReceiptAsync(orderId, options, ct);
            }

            private static EnqueueOptions BuildOptions(JobContext context) => new();

            public async Task NotAJob(int orderId) => await jobs.EnqueueSendReceiptAsync(orderId);
        }
        """ + GeneratedEnqueue);

    [Fact]
    public Task Ef_insert_without_existence_check_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(ShopDb db)
        {
            [BackgroundJob]
            public async Task Import(int id, CancellationToken ct)
            {
                {|JG0005:db.Orders.Add(new Order { Id = id })|};
                await db.SaveChangesAsync(ct);
            }

            [BackgroundJob]
            public async Task ImportChecked(int id, CancellationToken ct)
            {
                if (await db.Orders.FindAsync(id) is null)
                {
                    db.Orders.Add(new Order { Id = id });
                    await db.SaveChangesAsync(ct);
                }
            }

            [BackgroundJob]
            public void StageOnly(int id, CancellationToken ct) => db.Add(new Order { Id = id });
        }
        """ + EfStubs);

    [Fact]
    public Task Same_patterns_outside_jobs_are_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Service
        {
            private static int _count;

            public DateTime Now() => DateTime.UtcNow;

            public Guid NewId() { _count++; return Guid.NewGuid(); }
        }
        """);

    [Fact]
    public Task IdempotentJob_opts_out_on_method_and_class() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            [IdempotentJob("The audit log keeps one row per (job id, attempt); duplicates are expected and collapsed by the reader.")]
            public void Audit(int id, CancellationToken ct) => Console.WriteLine(DateTime.UtcNow);
        }

        [IdempotentJob("Metrics are approximate by design.")]
        public sealed class Counters
        {
            private static int _runs;

            [BackgroundJob]
            public void Count(int id, CancellationToken ct) => _runs++;
        }
        """);

    [Fact]
    public Task Jg0008_opt_out_without_justification() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            [{|JG0008:IdempotentJob("  ")|}]
            public void Audit(int id, CancellationToken ct) => Console.WriteLine(DateTime.UtcNow);
        }
        """);

    [Fact]
    public Task Enqueue_through_the_client_interface_needs_a_stable_key() => Verify.VerifyAsync(Usings + """
        using System.Collections.Generic;

        public sealed class Jobs(IJobClient jobs)
        {
            [BackgroundJob]
            public async Task FanOut(int id, JobContext context, CancellationToken ct)
            {
                var request = new JobRequest("emails.welcome", "mailers", 5, ReadOnlyMemory<byte>.Empty);
                await {|JG0005:jobs.EnqueueAsync(request, cancellationToken: ct)|};
                await {|JG0005:jobs.EnqueueManyAsync(new[] { request }, ct)|};
                await jobs.EnqueueAsync(request with { Headers = new Dictionary<string, string> { ["idempotency-key"] = context.JobId } }, null, ct);
            }
        }
        """);
}
