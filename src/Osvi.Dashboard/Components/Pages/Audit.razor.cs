using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>The audit log for administrators: filters kept in the address (a link reproduces the view and its export),
/// server-side paging, and a streamed CSV export of the whole filter.</summary>
public sealed partial class Audit
{
    private static readonly string[] Categories =
    [
        AuditCategories.Account, AuditCategories.Users, AuditCategories.Kiosk, AuditCategories.Settings, AuditCategories.Calls,
        AuditCategories.Campaigns, AuditCategories.Dnd, AuditCategories.Chat, AuditCategories.Recordings, AuditCategories.Audit,
    ];

    private MudTable<AuditEntry>? _table;
    private AuditFilter _filter = new();
    private object? _failure;
    private string? _user;
    private string? _category;
    private string? _action;
    private string? _target;
    private string? _phone;
    private AuditResult? _result;
    private DateTime? _from;
    private DateTime? _to;

    [Inject]
    public required IAuditBrowser AuditLog { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    private string ExportUrl => AdminArea.AuditExportPath.TrimStart('/') + (_filter.ToQueryString() is { Length: > 0 } query ? "?" + query : "");

    protected override async Task OnParametersSetAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        _filter = AuditFilter.Parse(key => query.TryGetValue(key, out var values) ? values.FirstOrDefault() : null);
        _user = _filter.User;
        _category = _filter.Category;
        _action = _filter.Action;
        _target = _filter.Target;
        _phone = _filter.Phone;
        _result = _filter.Result;
        _from = _filter.From?.ToDateTime(TimeOnly.MinValue);
        _to = _filter.To?.ToDateTime(TimeOnly.MinValue);
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<AuditEntry>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await AuditLog.QueryAsync(_filter.ToQuery(Clock.Zone, state.Page * state.PageSize, state.PageSize), ct);
        _failure = result.Failure;
        return result.Succeeded
            ? new TableData<AuditEntry> { Items = result.Value.Items, TotalItems = result.Value.TotalCount }
            : new TableData<AuditEntry> { Items = [], TotalItems = 0 };
    }

    private Task ApplyAsync()
    {
        var filter = new AuditFilter
        {
            User = _user, Category = _category, Action = _action, Target = _target, Phone = _phone, Result = _result,
            From = _from is { } from ? DateOnly.FromDateTime(from) : null,
            To = _to is { } to ? DateOnly.FromDateTime(to) : null,
        };
        var query = filter.ToQueryString();
        Navigation.NavigateTo("audit" + (query.Length > 0 ? "?" + query : ""));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("audit");
        return Task.CompletedTask;
    }

    private string Time(DateTimeOffset at) => Clock.ToLocal(at).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture);

    private static Color ResultColor(AuditResult result) => result switch
    {
        AuditResult.Succeeded => Color.Success,
        AuditResult.Refused => Color.Warning,
        _ => Color.Error,
    };
}
