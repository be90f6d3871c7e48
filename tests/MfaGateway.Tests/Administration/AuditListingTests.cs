using System.Globalization;
using System.Text.Json;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class AuditListingTests
{
    [Fact]
    public async Task Audit_listing_filters_by_user_type_and_time_and_pages_newest_first()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using (var alice = admin.Host.NewBrowser())
        {
            await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, alice, DemoUsers.Alice);
        }

        admin.Host.Time.Advance(TimeSpan.FromHours(1));
        // Audit times are kept to the millisecond.
        var bobStarted = DateTimeOffset.FromUnixTimeMilliseconds(admin.Host.Time.GetUtcNow().ToUnixTimeMilliseconds());
        using (var bob = admin.Host.NewBrowser())
        {
            await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, bob, DemoUsers.Bob);
        }

        admin.Host.Time.Advance(TimeSpan.FromHours(1));

        // Every listing is itself audited (admin.audit_read, stamped "now" on the fixed clock), so the
        // listings below look at everything before now: a window that does not grow while paging.
        var until = Uri.EscapeDataString(admin.Host.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK", CultureInfo.InvariantCulture));
        var everything = Events(await admin.AuditAsync($"page_size=500&to={until}"));
        Assert.Contains(everything, e => e.GetProperty("user").GetString() == "alice");
        Assert.Contains(everything, e => e.GetProperty("user").GetString() == "bob");
        Assert.Equal(everything.Select(At).OrderByDescending(at => at), everything.Select(At));

        var aliceOnly = Events(await admin.AuditAsync("user=Alice&realm=bank&page_size=500"));
        Assert.NotEmpty(aliceOnly);
        Assert.All(aliceOnly, e => Assert.Equal("alice", e.GetProperty("user").GetString()));

        var enrolments = Events(await admin.AuditAsync("type=factor.enrolled,recovery_codes.generated&page_size=500"));
        Assert.Equal(2, enrolments.Count(e => e.GetProperty("type").GetString() == "factor.enrolled"));
        Assert.All(enrolments, e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "factor.enrolled", "recovery_codes.generated" }));

        var from = Uri.EscapeDataString(bobStarted.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(bobStarted.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        var bobsHour = Events(await admin.AuditAsync($"from={from}&to={to}&page_size=500"));
        Assert.NotEmpty(bobsHour);
        Assert.All(bobsHour, e => Assert.Equal("bob", e.GetProperty("user").GetString()));
        Assert.All(bobsHour, e => Assert.InRange(At(e), bobStarted, bobStarted.AddMinutes(30)));

        // Pages of 2 cover the same events as one big page, in the same order, with nothing twice.
        var paged = new List<JsonElement>();
        int? page = 1;
        while (page is { } next)
        {
            var answer = await admin.AuditAsync($"page={next}&page_size=2&to={until}");
            Assert.Equal(next, answer.GetProperty("page").GetInt32());
            Assert.Equal(2, answer.GetProperty("page_size").GetInt32());
            Assert.Equal(everything.Count, answer.GetProperty("total").GetInt64());
            paged.AddRange(Events(answer));
            page = answer.GetProperty("next_page").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("next_page").GetInt32();
        }

        Assert.Equal(everything.Select(Id), paged.Select(Id));

        var reads = Events(await admin.AuditAsync("type=admin.audit_read&page_size=500"));
        Assert.True(reads.Count >= paged.Count / 2, "every listing is audited");
        Assert.All(reads, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("detail").GetProperty("admin").GetString())));
    }

    private static List<JsonElement> Events(JsonElement answer) => [.. answer.GetProperty("events").EnumerateArray()];

    private static DateTimeOffset At(JsonElement auditEvent) => auditEvent.GetProperty("at").GetDateTimeOffset();

    private static long Id(JsonElement auditEvent) => auditEvent.GetProperty("id").GetInt64();
}
