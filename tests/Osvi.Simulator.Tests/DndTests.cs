using System.Net;
using System.Text.Json;

namespace Osvi.Simulator.Tests;

public sealed class DndTests
{
    [Fact]
    public async Task Add_NewNumber_Returns201WithTheNormalisedEntry()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var agent = host.Dialler().Uuid;

        var (status, body) = await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9876543210", reason = "customer opted out" });

        Assert.Equal(HttpStatusCode.Created, status);
        var entry = body.Data();
        Assert.Equal(["id", "agent_uuid", "phone", "reason", "created_at"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("+919876543210", entry.Str("phone"));
        Assert.Equal(agent, entry.Str("agent_uuid"));
        Assert.Equal("customer opted out", entry.Str("reason"));
        Assert.EndsWith("+05:30", entry.Str("created_at"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Add_DuplicateInAnotherFormat_Returns422WithErrorsArray()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var agent = host.Dialler().Uuid;
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9876543210" });

        var (status, body) = await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "+91 98765-43210" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("Phone has already been taken", body.GetProperty("errors")[0].GetString());
    }

    [Theory]
    [InlineData("""{"phone":"9876543210"}""", "param is missing or the value is empty: agent_uuid")]
    [InlineData("""{"agent_uuid":"AGENT"}""", "param is missing or the value is empty: phone")]
    [InlineData("""{"agent_uuid":"AGENT","phone":"  "}""", "param is missing or the value is empty: phone")]
    [InlineData("""{"agent_uuid":"AGENT","phone":"123"}""", "phone is not a valid phone number")]
    [InlineData("""{"agent_uuid":"AGENT","phone":"9876543210","reason":7}""", "reason must be a string")]
    public async Task Add_BadInput_Returns400(string json, string error)
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.PostJsonAsync("/v1/dnd_numbers", json.Replace("AGENT", host.Dialler().Uuid, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body.Str("error"));
    }

    [Fact]
    public async Task Add_ForAnotherAccountsAgent_Returns404()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, _) = await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = host.Dialler(account: 1).Uuid, phone = "9876543210" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task List_SeededAgent_IsPaginatedAndSearchable()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var renewals = host.Agent(where: a => a.Name == "Policy Renewals").Uuid;

        var (status, page1) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={renewals}&per_page=5");
        var (_, page3) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={renewals}&per_page=5&page=3");
        var phone = page1.Data()[0].Str("phone");
        var (_, searched) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={renewals}&search={phone[^6..]}");
        var (_, capped) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={renewals}&per_page=1000");

        Assert.Equal(HttpStatusCode.OK, status);
        var meta = page1.GetProperty("meta");
        Assert.Equal(12, meta.GetProperty("total_count").GetInt32());
        Assert.Equal(3, meta.GetProperty("total_pages").GetInt32());
        Assert.Equal(5, page1.Data().GetArrayLength());
        Assert.Equal(2, page3.Data().GetArrayLength());
        Assert.Contains(searched.Data().EnumerateArray(), e => e.Str("phone") == phone);
        Assert.All(searched.Data().EnumerateArray(), e => Assert.Contains(phone[^6..], e.Str("phone"), StringComparison.Ordinal));
        Assert.Equal(100, capped.GetProperty("meta").GetProperty("per_page").GetInt32());
    }

    [Fact]
    public async Task List_WithoutAgent_Returns400AndUnknownAgent404()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (missing, body) = await client.GetJsonAsync("/v1/dnd_numbers");
        var (unknown, _) = await client.GetJsonAsync("/v1/dnd_numbers?agent_uuid=agent_nope");

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        body.AssertD1("param is missing or the value is empty: agent_uuid");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Delete_NumberOnTheList_ReturnsSuccessMessageWithoutData()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var agent = host.Dialler().Uuid;
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9876543210" });

        var (status, body) = await client.DeleteJsonAsync($"/v1/dnd_numbers?agent_uuid={agent}&phone=%2B919876543210");
        var (_, list) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={agent}&search=9876543210");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"success":true,"message":"Phone removed from DND list"}""", body.GetRawText());
        Assert.Empty(list.Data().EnumerateArray());
    }

    [Fact]
    public async Task Delete_NumberNotOnTheList_Returns404D3()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.DeleteJsonAsync($"/v1/dnd_numbers?agent_uuid={host.Dialler().Uuid}&phone=9000000001");

        Assert.Equal(HttpStatusCode.NotFound, status);
        body.AssertD1("Phone not found in DND list");
    }

    [Fact]
    public async Task Delete_MissingPhone_Returns400WithTheDocumentedBody()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.DeleteJsonAsync($"/v1/dnd_numbers?agent_uuid={host.Dialler().Uuid}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"success":false,"error":"param is missing or the value is empty: phone","details":null}""", body.GetRawText());
    }

    [Fact]
    public async Task Delete_ThenCall_TheNumberCanBeCalledAgain()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var agent = host.Dialler().Uuid;
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9876543210" });
        await client.DeleteJsonAsync($"/v1/dnd_numbers?agent_uuid={agent}&phone=9876543210");

        var (status, _) = await client.PostJsonAsync("/v1/call", new { agent_uuid = agent, phone_number = "9876543210", country_code = "IN" });

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
