using System.Collections.Concurrent;
using System.Text;
using JobGen.Storage;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Tests.Shared;

/// <summary>
/// One run with signed envelopes and a [Sensitive] argument on a real storage, for the per-storage security tests:
/// 20 payments (the odd ones fail and die with their ciphertext), 3 scheduled far ahead, one unsigned forgery. The
/// job is written the way the generator writes it (<see cref="SensitiveArguments"/>); the test then reads every key
/// or row of the storage and looks for the card numbers in clear text.
/// </summary>
public sealed class SecureRunScenario : IJobDispatcher
{
    public const string Job = "secure.pay", Queue = "secure";
    public const int Payments = 20, Scheduled = 3;

    public ConcurrentDictionary<int, string> Ran { get; } = new();

    public IReadOnlyList<JobDescriptor> Jobs { get; } =
        [new JobDescriptor(Job, Queue, 1, 0, "Tests.SecurePayments", "Pay", [new("orderId", "int"), new("cardNumber", "string") { Sensitive = true }])];

    /// <summary>Every card number the run enqueues: none may appear in the storage in clear text.</summary>
    public static IEnumerable<string> Cards => Enumerable.Range(0, Payments + Scheduled).Select(Card);

    public static string Card(int order) => "4000000000" + (100_000 + order).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Configure(JobGenOptions o)
    {
        o.Security.SigningKeys.Add(new SecurityKey { Id = "sign-2", Key = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray()) });
        o.Security.SensitiveKeys.Add(new SecurityKey { Id = "aes-2", Key = Convert.ToBase64String(Enumerable.Repeat((byte)12, 32).ToArray()) });
        o.Worker.Queues = [Queue];
        o.Worker.Concurrency = 4;
        o.Worker.PollInterval = TimeSpan.FromMilliseconds(50);
    }

    public static JobRequest Request(int order)
    {
        var buffer = PayloadBuffer.Rent();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(order);
        SensitiveArguments.Write(ref writer, Job, "cardNumber", Card(order), static (ref MessagePackWriter w, string v) => w.Write(v));
        writer.Flush();
        return new JobRequest(Job, Queue, 1, buffer.Complete());
    }

    /// <summary>Enqueues, runs until every job ran or died, stops; returns the dead jobs' reasons.</summary>
    public async Task<IReadOnlyList<DeadJob>> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<IJobClient>();
        var storage = services.GetRequiredService<IJobStorage>();
        var worker = services.GetRequiredService<JobWorker>();
        for (var i = 0; i < Payments; i++)
        {
            await client.EnqueueAsync(Request(i), cancellationToken: cancellationToken);
        }

        for (var i = Payments; i < Payments + Scheduled; i++)
        {
            await client.EnqueueAsync(Request(i), new EnqueueOptions { Delay = TimeSpan.FromDays(1) }, cancellationToken);
        }

        var forged = EnvelopeSerializer.Serialize(new JobEnvelope { Id = "forged", Job = Job, Queue = Queue, Arguments = Request(999).Arguments.ToArray() });
        await storage.EnqueueAsync(Queue, forged, cancellationToken);

        await worker.StartAsync(cancellationToken);
        var dead = new List<DeadJob>();
        for (var i = 0; i < 3000 && (Ran.Count < Payments / 2 || dead.Count < Payments / 2 + 1); i++)
        {
            await Task.Delay(10, cancellationToken);
            dead = [.. (await storage.GetPageAsync(Queue, PayloadSet.Dead, 0, 100, cancellationToken)).Select(p => DeadJob.Deserialize(p.Payload))];
        }

        await worker.StopAsync(CancellationToken.None);
        return dead;
    }

    public ValueTask InvokeAsync(JobEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken)
    {
        int order;
        string card;
        try
        {
            var reader = new MessagePackReader(envelope.Arguments);
            reader.ReadArrayHeader();
            order = reader.ReadInt32();
            card = SensitiveArguments.Read(ref reader, Job, "cardNumber", static (ref MessagePackReader r) => r.ReadString()!);
        }
        catch (Exception ex)
        {
            throw JobPayloadException.ForArguments(envelope.Job, ex);
        }

        if (order % 2 == 1)
        {
            throw new InvalidOperationException($"Payment {order} declined.");
        }

        Ran[order] = card;
        return ValueTask.CompletedTask;
    }

    /// <summary>The card numbers found in <paramref name="bytes"/> (UTF-8, and as hex or base64 text of it).</summary>
    public static IEnumerable<string> PlainCardsIn(byte[] bytes)
    {
        var asText = Encoding.UTF8.GetString(bytes);
        return Cards.Where(card => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(card)) >= 0 || asText.Contains(card, StringComparison.Ordinal));
    }
}
