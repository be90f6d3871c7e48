using MfaGateway.Policies;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Policies;

public sealed class PathPatternTests
{
    [Theory]
    // Exact: case and one trailing slash do not matter (the apps behind treat them alike).
    [InlineData("/transfer", "/transfer", true)]
    [InlineData("/transfer", "/transfer/", true)]
    [InlineData("/transfer", "/TRANSFER", true)]
    [InlineData("/transfer", "/Transfer/", true)]
    [InlineData("/transfer/", "/transfer", true)]
    [InlineData("/transfer/", "/transfer/", true)]
    [InlineData("/transfer", "/transfers", false)]
    [InlineData("/transfer", "/transfer/x", false)]
    [InlineData("/transfer", "/", false)]
    [InlineData("/transfer", "/api/transfer", false)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/x", false)]
    // "*": exactly one segment.
    [InlineData("/admin/*", "/admin/users", true)]
    [InlineData("/admin/*", "/ADMIN/Users/", true)]
    [InlineData("/admin/*", "/admin/users/1", false)]
    [InlineData("/admin/*", "/admin", false)]
    [InlineData("/admin/*", "/administrator/x", false)]
    [InlineData("/a/*/c", "/a/b/c", true)]
    [InlineData("/a/*/c", "/a/b/d/c", false)]
    [InlineData("/a/*/c", "/a/c", false)]
    [InlineData("/files/*.pdf", "/files/report.pdf", true)]
    [InlineData("/files/*.pdf", "/files/report.PDF", true)]
    [InlineData("/files/*.pdf", "/files/x/report.pdf", false)]
    [InlineData("/files/*.pdf", "/files/report.pdfx", false)]
    // "**": any depth, including the bare prefix.
    [InlineData("/static/**", "/static", true)]
    [InlineData("/static/**", "/static/", true)]
    [InlineData("/static/**", "/static/a", true)]
    [InlineData("/static/**", "/static/a/b/c.css", true)]
    [InlineData("/static/**", "/STATIC/A", true)]
    [InlineData("/static/**", "/staticfiles", false)]
    [InlineData("/static/**", "/static-x/a", false)]
    [InlineData("/static/**", "/other/static/a", false)]
    [InlineData("/static/**", "/", false)]
    [InlineData("/a/**/z", "/a/z", true)]
    [InlineData("/a/**/z", "/a/b/c/z", true)]
    [InlineData("/a/**/z", "/a/b/c/y", false)]
    // Regular dots are literal, not "any character".
    [InlineData("/a.b", "/axb", false)]
    [InlineData("/a.b/**", "/axb/c", false)]
    // Matched against the canonical path: "//", ";" parameters and dot segments do not matter either.
    [InlineData("/transfer", "//transfer", true)]
    [InlineData("/transfer", "/transfer;jsessionid=1", true)]
    [InlineData("/transfer", "/x/../transfer/.", true)]
    [InlineData("/admin/**", "//admin;x=1//users/", true)]
    [InlineData("//admin/**/", "/admin/users", true)] // configured paths are canonical too
    [InlineData("/admin/*", "/admin/%2Fusers", true)] // one reading is "/admin/users"
    [InlineData("/transfer", "/transfer%2Fx", false)] // neither reading is "/transfer"
    // regex: written by the operator, case-insensitive.
    [InlineData("regex:^/x/\\d+$", "/x/12", true)]
    [InlineData("regex:^/x/\\d+$", "/X/12", true)]
    [InlineData("regex:^/x/\\d+$", "/x/ab", false)]
    [InlineData("regex:^/x/\\d+$", "/x/12/y", false)]
    [InlineData("regex:/secret", "/a/secret/b", true)]
    public void Matches_as_documented(string pattern, string path, bool expected)
    {
        Assert.True(PathPattern.TryParse(pattern, out var parsed, out var error), error);
        Assert.Null(error);
        Assert.Equal(pattern, parsed!.Text);
        Assert.Equal(expected, parsed.Matches(CanonicalPath.Of(path)));
    }

    [Fact]
    public void A_missing_request_path_is_treated_as_the_root()
    {
        Assert.True(PathPattern.TryParse("/", out var root, out _));
        Assert.True(root!.Matches(CanonicalPath.Of(new PathString().Value)));
    }

    [Theory]
    [InlineData("admin/**", "must start with '/'")]
    [InlineData("", "must start with '/'")]
    [InlineData("*/x", "must start with '/'")]
    [InlineData("/a/***", "is not a valid path pattern")]
    [InlineData("/a?b=1", "is not a valid path pattern")]
    [InlineData("/a#frag", "is not a valid path pattern")]
    [InlineData("/login;jsessionid=1", "must be written as the app routes it")]
    [InlineData("/a%2Fb", "must be written as the app routes it")]
    [InlineData("regex:(unclosed", "is not a valid regular expression")]
    [InlineData("regex:[z-a]", "is not a valid regular expression")]
    public void Invalid_patterns_are_refused_with_a_reason(string pattern, string reason)
    {
        Assert.False(PathPattern.TryParse(pattern, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains($"'{pattern}'", error, StringComparison.Ordinal);
    }
}
