using System.Collections.Concurrent;
using MessagePack;

namespace JobGen.Runtime.Tests.Security;

/// <summary>What the sensitive test job received, by order id.</summary>
public sealed class SensitiveRecorder
{
    public ConcurrentDictionary<int, (string Card, string Holder, string Cvv)> Runs { get; } = new();
}

[MessagePackObject]
public sealed class PaymentInfo
{
    [Key(0)]
    public string Holder { get; set; } = "";

    [Key(1)]
    [Sensitive]
    public string Cvv { get; set; } = "";
}

public sealed class SensitiveJobs(SensitiveRecorder recorder)
{
    public const string Queue = "secure";

    [BackgroundJob("tests.charge", Queue = Queue, MaxAttempts = 1)]
    public void Charge(int orderId, [Sensitive] string cardNumber, PaymentInfo info) =>
        recorder.Runs[orderId] = (cardNumber, info.Holder, info.Cvv);
}
