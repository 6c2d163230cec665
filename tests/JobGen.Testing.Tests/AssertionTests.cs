namespace JobGen.Testing.Tests;

/// <summary>The generated typed assertions: matching, failure messages, conditions, and values that do not survive encoding.</summary>
public sealed class AssertionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_enqueue_matches_its_typed_assertion_and_is_returned()
    {
        await using var jobs = TestServices.Create(new Journal());

        var id = await jobs.EnqueueChargeOrderAsync(7, 9.5m, cancellationToken: Ct);

        var found = jobs.AssertEnqueued.ChargeOrder(orderId: 7, amount: 9.5m, queue: "payments");
        Assert.Equal(id, found.Id);
        Assert.Equal("orders.charge", found.Job);
        Assert.Equal(5, found.MaxAttempts);
        Assert.Equal("ChargeOrder(orderId: 7, amount: 9.5)", found.Description);
        jobs.AssertEnqueued.ChargeOrder(orderId: 7); // omitted arguments match anything
        jobs.AssertEnqueued.ChargeOrder();
    }

    [Fact]
    public async Task A_failed_assertion_throws_the_packages_exception_showing_what_was_expected_and_what_was_enqueued()
    {
        await using var jobs = TestServices.Create(new Journal());
        await jobs.EnqueueChargeOrderAsync(7, 9.5m, cancellationToken: Ct);
        await jobs.EnqueueAddNoteAsync("hello", cancellationToken: Ct);

        var wrongValue = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.ChargeOrder(orderId: 8));
        Assert.Contains("Expected ChargeOrder(orderId: 8) to have been enqueued", wrongValue.Message, StringComparison.Ordinal);
        Assert.Contains("Enqueued (2):", wrongValue.Message, StringComparison.Ordinal);
        Assert.Contains("ChargeOrder(orderId: 7, amount: 9.5) on queue \"payments\"", wrongValue.Message, StringComparison.Ordinal);
        Assert.Contains("AddNote(text: \"hello\", author: null) on queue \"default\"", wrongValue.Message, StringComparison.Ordinal);

        var wrongQueue = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.ChargeOrder(orderId: 7, queue: "default"));
        Assert.Contains("on queue \"default\" to have been enqueued", wrongQueue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_enqueued_says_so()
    {
        await using var jobs = TestServices.Create(new Journal());

        var ex = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.Ping());

        Assert.Contains("Nothing was enqueued.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_enqueued_passes_when_nothing_matches_and_names_the_match_otherwise()
    {
        await using var jobs = TestServices.Create(new Journal());
        await jobs.EnqueueChargeOrderAsync(7, 9.5m, cancellationToken: Ct);

        jobs.AssertNotEnqueued.ChargeOrder(orderId: 8);
        jobs.AssertNotEnqueued.SendReceipt();
        var ex = Assert.Throws<JobAssertionException>(() => jobs.AssertNotEnqueued.ChargeOrder(amount: 9.5m));

        Assert.Contains("Expected ChargeOrder(amount: 9.5) not to have been enqueued, but this was:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditions_and_collections_match_by_content()
    {
        await using var jobs = TestServices.Create(new Journal());
        await jobs.EnqueueSendReceiptAsync(3, ["x@example.com", "y@example.com"], cancellationToken: Ct);

        jobs.AssertEnqueued.SendReceipt(orderId: Arg.Is<int>(id => id > 2), recipients: new[] { "x@example.com", "y@example.com" });
        var ex = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.SendReceipt(orderId: Arg.Is<int>(id => id > 3)));

        Assert.Contains("SendReceipt(orderId: id => id > 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("recipients: [\"x@example.com\", \"y@example.com\"]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_does_not_survive_encoding_fails_the_assertion_and_says_what_the_job_would_receive()
    {
        await using var jobs = TestServices.Create(new Journal());
        const string loneSurrogate = "half \uD83D"; // UTF-8 cannot carry it: the payload holds U+FFFD instead

        await jobs.EnqueueAddNoteAsync(loneSurrogate, cancellationToken: Ct);
        var ex = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.AddNote(text: loneSurrogate));

        Assert.Contains("The expected text \"half \\uD83D\" does not survive encoding: the job would receive \"half \uFFFD\".", ex.Message, StringComparison.Ordinal);
        jobs.AssertEnqueued.AddNote(text: "half \uFFFD"); // what was really enqueued
    }

    [Fact]
    public async Task Defaults_and_nulls_are_recorded_as_the_job_will_see_them()
    {
        await using var jobs = TestServices.Create(new Journal());

        await jobs.EnqueueAddNoteAsync("n", cancellationToken: Ct);
        await jobs.EnqueueAddNoteAsync("m", "ann", cancellationToken: Ct);

        jobs.AssertEnqueued.AddNote(text: "n", author: null);
        jobs.AssertEnqueued.AddNote(author: "ann");
        Assert.Equal(2, jobs.Enqueued.Count);
    }

    [Fact]
    public async Task Request_time_and_option_overrides_are_recorded()
    {
        await using var jobs = TestServices.Create(new Journal());
        var runAt = jobs.Clock.GetUtcNow().AddHours(2);

        await jobs.ScheduleAddNoteAsync("later", null, runAt, cancellationToken: Ct);
        await jobs.EnqueuePingAsync(new EnqueueOptions { Queue = "urgent", MaxAttempts = 2 }, Ct);

        Assert.Equal(runAt, jobs.AssertEnqueued.AddNote(text: "later").DueAt);
        var ping = jobs.AssertEnqueued.Ping(queue: "urgent");
        Assert.Equal(2, ping.MaxAttempts);
        Assert.Null(ping.DueAt);
    }
}
