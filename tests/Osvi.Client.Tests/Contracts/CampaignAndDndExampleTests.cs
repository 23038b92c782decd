using System.Text.Json;
using System.Text.Json.Nodes;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using static Osvi.Client.Tests.Infrastructure.Fixtures;

namespace Osvi.Client.Tests.Contracts;

/// <summary>The contract's examples for campaigns (§3.8–3.9) and DND (§3.10–3.12).</summary>
public sealed class CampaignAndDndExampleTests
{
    [Fact]
    public void AddContactsRequest_DocumentedExample_KeepsExtraKeysAsVariables()
    {
        var request = Deserialize<AddContactsRequest>("campaign_contacts_request.json");

        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", request.AgentUuid);
        Assert.True(request.Enqueue);
        Assert.Equal(2, request.Contacts.Count);
        Assert.Equal("9876543210", request.Contacts[0].Phone);
        Assert.Equal("Ravi Kumar", request.Contacts[0].PersonName);
        Assert.Equal("Pro", request.Contacts[0].Variables!["plan"].GetString());
        Assert.Equal("+919876500000", request.Contacts[1].Phone);
        Assert.Null(request.Contacts[1].Variables);
    }

    [Fact]
    public void AddContactsRequest_Serialised_MatchesTheDocumentedBody()
    {
        var request = Deserialize<AddContactsRequest>("campaign_contacts_request.json");

        var written = JsonNode.Parse(JsonSerializer.Serialize(request, OsviJson.Options));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Read("campaign_contacts_request.json")), written), written!.ToJsonString());
    }

    [Fact]
    public void AddContacts_DocumentedResponse_ReadsCounts()
    {
        var result = Deserialize<OsviEnvelope<ContactUploadResult>>("campaign_contacts_response.json").Data;

        Assert.Equal(19, result.CampaignUploadId);
        Assert.Equal(2, result.ContactsReceived);
        Assert.Equal(2, result.ContactsAccepted);
        Assert.Equal(0, result.DuplicatesRemoved);
        Assert.True(result.Enqueued);
        Assert.Equal(2, result.QueuedCalls);
        Assert.Empty(result.DndSkipped);
    }

    [Fact]
    public void AddContacts_DocExampleDndSkippedEmptyObject_ReadsOneItemWithoutFields()
    {
        var result = Deserialize<OsviEnvelope<ContactUploadResult>>("campaign_contacts_response_dnd_skipped_doc_example.json").Data;

        var skipped = Assert.Single(result.DndSkipped);
        Assert.Null(skipped.Phone);
        Assert.Null(skipped.PersonName);
    }

    [Fact]
    public void AddContacts_D10DndSkippedShapes_ReadsObjectEmptyObjectAndBareString()
    {
        var result = Deserialize<OsviEnvelope<ContactUploadResult>>("campaign_contacts_response_dnd_skipped_shapes.json").Data;

        Assert.Equal(
            [
                new DndSkippedContact { Phone = "+919876543210", PersonName = "Ravi Kumar" },
                new DndSkippedContact(),
                new DndSkippedContact { Phone = "+919876500000" },
            ],
            result.DndSkipped);
    }

    [Fact]
    public void CampaignStatus_DocumentedExample_ReadsCampaignCallsAndUploads()
    {
        var status = Deserialize<OsviEnvelope<CampaignStatusSnapshot>>("campaign_status_response.json").Data;

        Assert.Equal(7, status.Campaign.Id);
        Assert.Equal("June Renewals", status.Campaign.Name);
        Assert.Equal(CampaignStatus.Active, status.Campaign.Status);
        Assert.True(status.Campaign.IsRetryEnabled);
        Assert.Equal(2, status.Campaign.RetryThreshold);
        Assert.Equal(1800, status.Campaign.RetryDelay);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 0, 0, Ist), status.Campaign.CreatedAt);
        Assert.Equal(120, status.Calls.Total);
        Assert.Equal(new Dictionary<string, int> { ["picked"] = 88, ["not_picked"] = 25, ["failed"] = 7 }, status.Calls.ByStatus);
        var upload = Assert.Single(status.Uploads);
        Assert.Equal(19, upload.CampaignUploadId);
        Assert.Equal("1718000000-api_contacts_ab12cd34ef567890.csv", upload.FileName);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", upload.AgentUuid);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 11, 0, 0, Ist), upload.CreatedAt);
        Assert.Equal(new CampaignQueue { AgentUuid = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", TotalQueued = 50, Completed = false }, Assert.Single(upload.Queues));
    }

    [Theory]
    [InlineData("inactive", true)]
    [InlineData("completed", true)]
    [InlineData("paused_by_admin", false)]
    public void CampaignStatus_OtherStatusValues_AreKept(string value, bool known)
    {
        var json = Read("campaign_status_response.json").Replace("\"status\":\"active\"", $"\"status\":\"{value}\"", StringComparison.Ordinal);

        var status = JsonSerializer.Deserialize<OsviEnvelope<CampaignStatusSnapshot>>(json, OsviJson.Options)!.Data;

        Assert.Equal(value, status.Campaign.Status.Value);
        Assert.Equal(known, status.Campaign.Status.IsKnown);
    }

    [Fact]
    public void DndAdd_Documented201Body_ReadsTheEntry()
    {
        var entry = Deserialize<OsviEnvelope<DndEntry>>("dnd_add_response_201.json").Data;

        Assert.Equal(
            new DndEntry
            {
                Id = 31,
                AgentUuid = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og",
                Phone = "+919876543210",
                Reason = "customer opted out",
                CreatedAt = new DateTimeOffset(2026, 6, 12, 9, 30, 0, Ist),
            },
            entry);
    }

    [Fact]
    public void DndList_Example_ReadsEntriesAndMeta()
    {
        var page = Deserialize<OsviPagedEnvelope<DndEntry>>("dnd_list_response.json");

        Assert.Equal([31L, 32L], page.Data.Select(d => d.Id));
        Assert.Null(page.Data[1].Reason);
        Assert.Equal(2, page.Meta.TotalCount);
    }

    [Fact]
    public void DndRemove_DocumentedMessageOnlyBody_ReadsTheMessage()
    {
        var response = Deserialize<OsviMessageResponse>("dnd_remove_response.json");

        Assert.True(response.Success);
        Assert.Equal("Phone removed from DND list", response.Message);
    }
}
