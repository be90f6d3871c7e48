using System.Text;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace MfaGateway.Tests.Factors.SentCodes;

public sealed class SentCodeVaultTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly InMemoryEphemeralStore _store;
    private readonly SentCodeVault _vault;
    private readonly Settings _settings = new();

    public SentCodeVaultTests()
    {
        _store = new InMemoryEphemeralStore(_time);
        _vault = new SentCodeVault(_store, new EphemeralDataProtectionProvider(), _settings, _time);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_code_has_six_random_digits_is_stored_only_as_a_keyed_hash_and_passes_once()
    {
        var slot = Slot("c1");
        var issue = await _vault.IssueAsync(slot, "factor-1", "a•••@example.com", resend: false, default);

        Assert.Matches("^[0-9]{6}$", issue.Code!);
        var stored = Encoding.UTF8.GetString((await _store.GetAsync(slot.Key, default))!);
        Assert.DoesNotContain(issue.Code!, stored, StringComparison.Ordinal);
        Assert.Equal(SentCodeResult.Wrong, (await _vault.VerifyAsync(slot, Other(issue.Code!), default)).Result);

        var passed = await _vault.VerifyAsync(slot, $"{issue.Code![..3]} {issue.Code[3..]}", default);
        var again = await _vault.VerifyAsync(slot, issue.Code, default);

        Assert.True(passed.Passed);
        Assert.Equal("factor-1", passed.Record!.FactorId);
        Assert.Equal(SentCodeResult.NotSent, again.Result);
    }

    [Fact]
    public async Task Of_parallel_submissions_of_the_right_code_exactly_one_passes()
    {
        var slot = Slot("c2");
        var code = (await _vault.IssueAsync(slot, "f", "x", resend: false, default)).Code!;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _vault.VerifyAsync(slot, code, default))));

        Assert.Single(results, r => r.Passed);
    }

    [Fact]
    public async Task A_code_expires_after_its_lifetime_and_never_outlives_its_challenge()
    {
        var slot = Slot("c3");
        var code = (await _vault.IssueAsync(slot, "f", "x", resend: false, default)).Code!;
        _time.Advance(_settings.Current.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(SentCodeResult.NotSent, (await _vault.VerifyAsync(slot, code, default)).Result);

        var short_ = Slot("c4") with { NotAfter = _time.GetUtcNow() + TimeSpan.FromMinutes(1) };
        var record = (await _vault.IssueAsync(short_, "f", "x", resend: false, default)).Record!;
        Assert.Equal(short_.NotAfter, record.ExpiresAt);
    }

    [Fact]
    public async Task Showing_the_prompt_again_sends_nothing_and_a_resend_waits_for_the_cooldown_then_replaces_the_code()
    {
        var slot = Slot("c5");
        var first = await _vault.IssueAsync(slot, "f", "x", resend: false, default);
        var shownAgain = await _vault.IssueAsync(slot, "f", "x", resend: false, default);
        var tooSoon = await _vault.IssueAsync(slot, "f", "x", resend: true, default);

        Assert.True(first.IsNew);
        Assert.False(shownAgain.IsNew);
        Assert.False(tooSoon.IsNew);
        Assert.Equal(TimeSpan.FromSeconds(30), tooSoon.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(31));
        var second = await _vault.IssueAsync(slot, "f", "x", resend: true, default);

        Assert.True(second.IsNew);
        Assert.Equal(SentCodeResult.Wrong, (await _vault.VerifyAsync(slot, first.Code, default)).Result);
        Assert.True((await _vault.VerifyAsync(slot, second.Code, default)).Passed);
    }

    [Fact]
    public async Task Of_parallel_resends_only_one_makes_a_code()
    {
        var slot = Slot("c6");
        await _vault.IssueAsync(slot, "f", "x", resend: false, default);
        _time.Advance(TimeSpan.FromSeconds(31));

        var issues = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _vault.IssueAsync(slot, "f", "x", resend: true, default))));

        Assert.Single(issues, i => i.IsNew);
    }

    [Fact]
    public async Task A_code_whose_sending_failed_is_forgotten_and_another_may_be_sent_at_once()
    {
        var slot = Slot("c7");
        var failed = await _vault.IssueAsync(slot, "f", "x", resend: false, default);
        await _vault.ForgetAsync(slot, default);

        var retried = await _vault.IssueAsync(slot, "f", "x", resend: true, default);

        Assert.True(retried.IsNew);
        Assert.Equal(SentCodeResult.Wrong, (await _vault.VerifyAsync(slot, failed.Code, default)).Result);
    }

    [Fact]
    public async Task A_record_copied_under_another_challenge_does_not_open_there()
    {
        var slot = Slot("c8");
        var code = (await _vault.IssueAsync(slot, "f", "x", resend: false, default)).Code!;
        var other = Slot("c9");
        await _store.SetAsync(other.Key, (await _store.GetAsync(slot.Key, default))!, TimeSpan.FromMinutes(5), default);

        Assert.Equal(SentCodeResult.Wrong, (await _vault.VerifyAsync(other, code, default)).Result);
        Assert.True((await _vault.VerifyAsync(slot, code, default)).Passed);
    }

    [Theory]
    [InlineData("123456", 6, "123456")]
    [InlineData(" 123 456 ", 6, "123456")]
    [InlineData("123-456", 6, "123456")]
    [InlineData("12345", 6, null)]
    [InlineData("1234567", 6, null)]
    [InlineData("12345a", 6, null)]
    [InlineData("１２３４５６", 6, null)]
    [InlineData("", 6, null)]
    [InlineData(null, 6, null)]
    [InlineData("12345678", 8, "12345678")]
    public void Typed_codes_are_read_as_digits_only(string? typed, int digits, string? expected) =>
        Assert.Equal(expected, SentCode.Normalize(typed, digits));

    [Fact]
    public void New_codes_have_the_configured_length_and_use_every_digit()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => SentCode.New(8)).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{8}$", c));
        Assert.Equal(10, codes.SelectMany(c => c).Distinct().Count());
    }

    private SentCodeSlot Slot(string id) => new(id, "email", new EphemeralOwner("user", 10), _time.GetUtcNow() + TimeSpan.FromMinutes(15));

    private static string Other(string code) => code[..5] + (code[5] == '0' ? '1' : '0');

    private sealed class Settings : ISentCodeSettingsSource
    {
        public SentCodeSettings Current { get; } = SentCodeSettings.Default;

        public string Issuer => "Test";
    }
}
