namespace JobGen;

/// <summary>
/// Says, visibly in code review, that a job (or every job of a class) was checked and is safe to run more than
/// once, so the JG0005 analyzer does not report its non-idempotent-looking patterns. The justification is
/// required: it tells the next reader why a retry cannot, for example, send the email twice.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class IdempotentJobAttribute : Attribute
{
    /// <summary>Marks the job idempotent, with the reason a retry is safe.</summary>
    public IdempotentJobAttribute(string justification)
    {
        Justification = justification;
    }

    /// <summary>Why a retry of this job is safe (for example "the provider de-duplicates on the order id").</summary>
    public string Justification { get; }
}
