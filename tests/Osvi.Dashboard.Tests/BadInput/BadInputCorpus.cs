using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Osvi.Dashboard.Tests.BadInput;

/// <summary>The bad-input corpus kept as test data in <c>BadInput/corpus</c> (JSON files plus the raw files they name):
/// phone numbers, texts for the size limits, CSV uploads, markup and spreadsheet formulas. Huge inputs are generated
/// here from a description instead of being committed.</summary>
public static class BadInputCorpus
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "BadInput", "corpus");

    public static IReadOnlyList<PhoneCase> Phones { get; } = Load<PhoneCase>("phones.json");

    public static IReadOnlyList<TextCase> Texts { get; } = Load<TextCase>("texts.json");

    public static IReadOnlyList<CsvCase> CsvFiles { get; } = Load<CsvCase>("csv.json");

    public static IReadOnlyList<MarkupCase> Markup { get; } = Load<MarkupCase>("markup.json");

    public static IReadOnlyList<MarkupCase> Formulas { get; } = Load<MarkupCase>("formulas.json");

    /// <summary>xunit rows of one list, by id (the case itself is looked up by id so test names stay short).</summary>
    public static TheoryData<string> Ids<T>(IReadOnlyList<T> cases) where T : ICorpusCase => [.. cases.Select(c => c.Id)];

    private static List<T> Load<T>(string file) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(Directory, file)), s_json)
        ?? throw new InvalidOperationException($"{file} is empty.");
}

public interface ICorpusCase
{
    string Id { get; }
}

/// <summary>A typed phone number; <see cref="E164"/> null means it must be refused.</summary>
public sealed record PhoneCase(string Id, string Input, string? E164) : ICorpusCase;

/// <summary>A text sent to a field (<see cref="Target"/>: <c>chat.customer</c>, <c>chat.tell</c>, <c>chat.whisper</c>,
/// <c>chat.message</c>, <c>chat.context</c>, <c>chat.start.context|input|customer</c>, <c>dnd.reason</c>); expect
/// <c>refused</c> (nothing sent) or <c>sent</c> (exactly one request).</summary>
public sealed record TextCase(string Id, string Target, string? Text, RepeatSpec? Repeat, string Expect) : ICorpusCase
{
    public string Value => Text ?? string.Concat(Enumerable.Repeat(Repeat!.Text, Repeat.Count));
}

public sealed record RepeatSpec(string Text, int Count);

/// <summary>An uploaded file: a committed <see cref="File"/>, inline <see cref="Text"/> (UTF-8), <see cref="Base64"/>
/// bytes, or <see cref="Generate"/>d.</summary>
public sealed record CsvCase(string Id, string? File, string? Text, string? Base64, GenerateSpec? Generate, CsvExpectation Expect) : ICorpusCase
{
    public byte[] Bytes() => this switch
    {
        { File: { } file } => System.IO.File.ReadAllBytes(Path.Combine(BadInputCorpus.Directory, file)),
        { Base64: { } base64 } => Convert.FromBase64String(base64),
        { Generate: { Kind: "rows" } rows } => Encoding.UTF8.GetBytes("phone,reason\n" + string.Join('\n', Enumerable.Range(0, rows.Count).Select(i => $"9{i % 1_000_000_000:D9},row {i}"))),
        { Generate: { Kind: "bytes" } bytes } => Encoding.UTF8.GetBytes(new string('9', bytes.Count)),
        { Generate: { Kind: "long-reason" } reason } => Encoding.UTF8.GetBytes($"phone,reason\n9876540130,{new string('r', reason.Length)}\n9876540131,short\n"),
        _ => Encoding.UTF8.GetBytes(Text ?? ""),
    };
}

public sealed record GenerateSpec(string Kind, int Count, int Length);

/// <summary>What a file gives: refused as a whole (message part), or lines to send / invalid / repeated, lines that fail
/// in the service without being sent, or (for huge inputs) only the parse count.</summary>
public sealed record CsvExpectation(string? Refused, int? Send, int? SendAtMost, int? Invalid, int? Repeated, int? Failed, int? ParsedOnly);

/// <summary>A hostile text (markup or a spreadsheet formula) that OSVI may return.</summary>
public sealed record MarkupCase(string Id, string Text) : ICorpusCase
{
    [JsonIgnore]
    public string Label => Id;
}
