using MfaGateway.Web;

namespace MfaGateway.Tests.Web;

public sealed class ReturnUrlTests
{
    /// <summary>Return addresses a browser would follow to another site, or that it would rewrite into one.</summary>
    public static TheoryData<string?> Unsafe => new()
    {
        "https://evil",
        "http://evil.example/x",
        "//evil",
        "//evil.example/x",
        "/\\evil",
        "https:evil",
        "javascript:alert(1)",
        "\\\\evil",
        "\\/evil",
        "/\t/evil",
        "/\n/evil",
        "/\r/evil",
        "/x\0",
        " /x",
        "/x y",
        "/a\\b",
        "/\u00a0/evil",
        "/\u2028/evil",
        "evil",
        "?x=1",
        "#frag",
        string.Empty,
        null,
        "/" + new string('a', ReturnUrl.MaxLength),
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void IsLocal_refuses_anything_a_browser_could_read_as_another_site(string? url)
    {
        Assert.False(ReturnUrl.IsLocal(url));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard?x=1")]
    [InlineData("/a/b#frag")]
    [InlineData("/a/b/c?x=1&y=%2F%2Fevil")]
    [InlineData("/caf%C3%A9")]
    [InlineData("/a//b")]
    [InlineData("/a:b")]
    public void IsLocal_accepts_paths_on_this_site(string url)
    {
        Assert.True(ReturnUrl.IsLocal(url));
    }

    [Fact]
    public void IsLocal_accepts_the_longest_allowed_path_and_refuses_one_character_more()
    {
        var longest = "/" + new string('a', ReturnUrl.MaxLength - 1);

        Assert.True(ReturnUrl.IsLocal(longest));
        Assert.False(ReturnUrl.IsLocal(longest + "a"));
    }
}
