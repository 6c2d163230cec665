using JobGen.Analyzers.Jobs;
using JobGen.Analyzers.Tests.Infrastructure;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// One piece of advice per mistake: an entity argument without [MessagePackObject] gets a single JG0001 that says
/// "pass its id" (no "make it serializable" fix, no second JG0006 on the same parameter); a message type without
/// [MessagePackObject] keeps the annotate advice.
/// </summary>
public sealed class EntityAdviceTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        namespace Shop;

        public sealed class Customer
        {
            public int Id { get; set; }
            public List<Order> Orders { get; set; } = new();
        }

        public sealed class Order
        {
            public int OrderId { get; set; }
            public Customer? Customer { get; set; }
        }

        public sealed class Receipt
        {
            public int Number { get; set; }
        }

        public sealed class Jobs
        {
            [BackgroundJob("shop.bill")]
            public Task Bill(Customer customer, List<Order> orders, Receipt receipt, CancellationToken ct) => Task.CompletedTask;
        }
        """;

    [Fact]
    public async Task An_entity_gets_one_diagnostic_that_says_pass_its_id_and_a_message_type_keeps_the_annotate_advice()
    {
        var run = await AnalyzerRunner.RunAsync([("Jobs.cs", Source)], manifest: null, TestContext.Current.CancellationToken);

        var byParameter = run.AnalyzerDiagnostics
            .GroupBy(d => Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["customer", "orders", "receipt"], byParameter.Keys.Order(StringComparer.Ordinal));

        var customer = Assert.Single(byParameter["customer"]);
        Assert.Equal("JG0001", customer.Id);
        Assert.Contains("'Customer', an entity (it has an id and a navigation to 'Order')", customer.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("pass its id", customer.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("[MessagePackObject]", customer.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(JobInspector.EntityKind, customer.Properties[JobInspector.KindProperty]);

        var orders = Assert.Single(byParameter["orders"]);
        Assert.Equal("JG0001", orders.Id);
        Assert.Contains("'Order', an entity", orders.GetMessage(), StringComparison.Ordinal);

        var receipt = Assert.Single(byParameter["receipt"]);
        Assert.Equal("JG0001", receipt.Id);
        Assert.Contains("mark it [MessagePackObject]", receipt.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("MissingMessagePackObject", receipt.Properties[JobInspector.KindProperty]);
    }
}
