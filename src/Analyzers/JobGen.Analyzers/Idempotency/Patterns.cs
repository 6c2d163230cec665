namespace JobGen.Analyzers.Idempotency;

/// <summary>The JG0005 patterns: what the message names and the safe alternative it proposes.</summary>
internal static class Patterns
{
    /// <summary>Diagnostic property: the kind of pattern, so code fixes know which findings they can fix.</summary>
    public const string KindProperty = "Pattern";

    /// <summary>Diagnostic property for <see cref="Clock"/>: the member read (<c>DateTime.UtcNow</c>...).</summary>
    public const string MemberProperty = "Member";

    public const string Clock = "Clock";
    public const string NewGuid = "NewGuid";
    public const string Random = "Random";
    public const string StaticState = "StaticState";
    public const string FileAppend = "FileAppend";
    public const string HttpPost = "HttpPost";
    public const string Enqueue = "Enqueue";
    public const string EfInsert = "EfInsert";

    public const string ClockAdvice = "a retry sees a different time; use the job's JobContext.CreatedAt, or pass the time as an argument";
    public const string NewGuidAdvice = "a retry creates a different id; pass the id as an argument or derive it from JobContext.JobId";
    public const string RandomAdvice = "a retry draws different values; draw them before enqueueing and pass them as arguments";
    public const string StaticStateAdvice = "a retry counts twice and other workers do not see it; keep the state in storage keyed by the job, or use a metric";
    public const string FileAppendAdvice = "a retry appends the same lines again; write a whole file named after the job, or check for the entry first";
    public const string HttpPostAdvice = "a retry sends the request again; send an Idempotency-Key header derived from the job's arguments or JobContext.JobId";
    public const string EnqueueAdvice = "a retry enqueues it again; pass EnqueueOptions with an \"idempotency-key\" header derived from this job (for example JobContext.JobId)";
    public const string EfInsertAdvice = "a retry inserts a duplicate row; check for the row first (Any/Find) or insert under a unique key and handle the conflict";
}
