// The application services the corpus jobs depend on, as a real app would declare them.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;

namespace Acme.Services;

public sealed record User(int Id, string Email, string DisplayName, string Locale);

public interface IUserStore
{
    Task<User?> FindAsync(int userId, CancellationToken cancellationToken);
}

public interface IEmailSender
{
    /// <summary>The provider de-duplicates on <paramref name="idempotencyKey"/> for 24 hours.</summary>
    Task SendAsync(string to, string subject, string body, string idempotencyKey, CancellationToken cancellationToken);
}

public interface IPasswordResets
{
    Task<string?> FindLinkAsync(Guid requestId, CancellationToken cancellationToken);
}

public sealed record Invoice(Guid Id, int CustomerId, decimal Amount, string Currency);

public interface IPaymentGateway
{
    Task<string> ChargeAsync(int customerId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken);
}

public interface IBlobStore
{
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) the blob at <paramref name="key"/>.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);
}

public interface IThumbnailer
{
    Task<Stream> ResizeAsync(Stream image, int width, CancellationToken cancellationToken);
}

public interface IWebhookStore
{
    Task<WebhookDelivery?> FindAsync(Guid deliveryId, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(Guid deliveryId, int statusCode, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed record WebhookDelivery(Guid Id, Uri Endpoint, string Payload, string Secret);

// EF Core-shaped data access (the analyzers go by these names; no EF reference is needed).
public class DbContext
{
    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
}

public class DbSet<T> : IQueryable<T>
    where T : class
{
    private readonly List<T> _rows = new();

    public Type ElementType => typeof(T);

    public Expression Expression => _rows.AsQueryable().Expression;

    public IQueryProvider Provider => _rows.AsQueryable().Provider;

    public void Add(T entity) => _rows.Add(entity);

    public void AddRange(IEnumerable<T> entities) => _rows.AddRange(entities);

    public void Remove(T entity) => _rows.Remove(entity);

    public ValueTask<T?> FindAsync(object?[] keyValues, CancellationToken cancellationToken) => ValueTask.FromResult<T?>(default);

    public IEnumerator<T> GetEnumerator() => _rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class QueryableAsync
{
    public static Task<bool> AnyAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Task.FromResult(source.Any(predicate));

    public static Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Task.FromResult(source.FirstOrDefault(predicate));

    public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Task.FromResult(source.ToList());

    /// <summary>A set-based DELETE: running it again deletes nothing more.</summary>
    public static Task<int> ExecuteDeleteAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Task.FromResult(source.Count());
}

public sealed class Payment
{
    public Guid InvoiceId { get; set; }
    public string ChargeId { get; set; } = "";
    public DateTimeOffset ChargedAt { get; set; }
}

public sealed class BillingDb : DbContext
{
    public DbSet<Payment> Payments { get; } = new();
}

public sealed class SessionDb : DbContext
{
    public int DeleteExpired(DateTimeOffset cutoff) => 0;
}
