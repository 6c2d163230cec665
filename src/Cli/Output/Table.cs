namespace JobGen.Cli.Output;

/// <summary>
/// A plain text table for terminals: upper-case headers, columns padded to their widest cell (numbers right-aligned),
/// long cells cut with an ellipsis so one row stays one line.
/// </summary>
internal sealed class Table(params string[] headers)
{
    private const int MaxCell = 60;
    private readonly List<string[]> _rows = [];
    private readonly bool[] _right = new bool[headers.Length];

    public int Count => _rows.Count;

    /// <summary>Right-aligns the columns at <paramref name="columns"/> (counts and durations).</summary>
    public Table AlignRight(params int[] columns)
    {
        foreach (var column in columns)
        {
            _right[column] = true;
        }

        return this;
    }

    public void Add(params string?[] cells) => _rows.Add([.. cells.Select(c => Cut(OneLine(c ?? "")))]);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        Write(output, headers, widths);
        foreach (var row in _rows)
        {
            Write(output, row, widths);
        }
    }

    private void Write(TextWriter output, string[] cells, int[] widths)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = _right[i] ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]);
            line.Append(cell);
            if (!last)
            {
                line.Append("  ");
            }
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Cut(string text) => text.Length <= MaxCell ? text : string.Concat(text.AsSpan(0, MaxCell - 1), "…");
}
