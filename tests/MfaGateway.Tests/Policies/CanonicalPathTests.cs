using MfaGateway.Policies;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Policies;

/// <summary>Paths as Kestrel hands them over (decoded except %2F, dot segments of the raw target removed).</summary>
public sealed class CanonicalPathTests
{
    [Theory]
    [InlineData("/login", "/login")]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/login/", "/login")]
    [InlineData("/LOGIN/", "/LOGIN")] // kept as written: comparisons ignore case
    [InlineData("//login", "/login")]
    [InlineData("/a//b///c//", "/a/b/c")]
    [InlineData("/login;jsessionid=x", "/login")]
    [InlineData("/login;x=1/", "/login")]
    [InlineData("/a;x=1/b;y", "/a/b")]
    [InlineData("/;x/login", "/login")]
    [InlineData("/./login", "/login")]
    [InlineData("/login/.", "/login")]
    [InlineData("/a/../login", "/login")]
    [InlineData("/../../login", "/login")] // never above the root
    [InlineData("/a/..;x/login", "/login")] // Tomcat reads "..;x" as ".."
    [InlineData("/admin/..", "/")]
    [InlineData("/.mfa/challenge", "/.mfa/challenge")] // a dot-led name is not a dot segment
    [InlineData("/a/.../b", "/a/.../b")]
    [InlineData("/a/..b", "/a/..b")]
    [InlineData("/café/", "/café")]
    public void Unambiguous_paths_have_one_canonical_form(string path, string expected)
    {
        var canonical = CanonicalPath.Of(path);

        Assert.Equal(expected, canonical.Value);
        Assert.False(canonical.IsAmbiguous);
        Assert.False(canonical.IsRefused);
    }

    [Theory]
    [InlineData("/%2Flogin", "/%2Flogin", "/login")]
    [InlineData("/login%2F", "/login%2F", "/login")]
    [InlineData("/public/..%2Fadmin", "/public/..%2Fadmin", "/admin")]
    [InlineData("/public%2F..%2Fadmin", "/public%2F..%2Fadmin", "/admin")]
    [InlineData("/public\\..\\admin", "/public\\..\\admin", "/admin")]
    [InlineData("\\login", "/\\login", "/login")] // not from Kestrel, but a Location header can say anything
    [InlineData("/%41dmin", "/%41dmin", "/Admin")] // "%2541" decoded once by Kestrel; an app may decode again
    public void Leftover_escapes_and_backslashes_carry_the_decoded_reading_too(string path, string literal, string decoded)
    {
        var canonical = CanonicalPath.Of(path);

        Assert.Equal(literal, canonical.Value);
        Assert.Equal(decoded, canonical.Decoded);
        Assert.True(canonical.IsAmbiguous);
        Assert.False(canonical.IsRefused);
    }

    [Theory]
    [InlineData("/100%")]
    [InlineData("/a%zz")]
    [InlineData("/a%2fb/..", "/")] // decoded "/a/b/.." and literal "/" differ: see the other theory
    public void A_percent_sign_that_decodes_to_the_same_place_is_not_ambiguous(string path, string? expected = null)
    {
        var canonical = CanonicalPath.Of(path);

        if (expected is null)
        {
            Assert.Equal(path, canonical.Value);
            Assert.False(canonical.IsAmbiguous);
        }
        else
        {
            Assert.Equal(expected, canonical.Value);
            Assert.Equal("/a", canonical.Decoded);
        }
    }

    [Theory]
    [InlineData("/login\0")]
    [InlineData("/log\nin")]
    [InlineData("/login\u007f")]
    [InlineData("/login%00")] // "%2500" after Kestrel: NUL once an app decodes again
    [InlineData("/a%0d%0aSet-Cookie:x")]
    public void Control_characters_in_either_reading_refuse_the_path(string path)
    {
        Assert.True(CanonicalPath.Of(path).IsRefused);
    }

    [Theory]
    [InlineData("/login", true)]
    [InlineData("/LOGIN", true)]
    [InlineData("/", true)]
    [InlineData("/a/b.c/d", true)]
    [InlineData("/login/", false)]
    [InlineData("//login", false)]
    [InlineData("/a/./b", false)]
    [InlineData("/a/../b", false)]
    [InlineData("/a/.", false)]
    [InlineData("/a/..", false)]
    [InlineData("/a;b", false)]
    [InlineData("/a%2Fb", false)]
    [InlineData("/a\\b", false)]
    [InlineData("login", false)]
    public void The_quick_check_recognises_canonical_paths(string path, bool expected)
    {
        Assert.Equal(expected, CanonicalPath.IsCanonical(path));
    }

    [Fact]
    public void A_canonical_request_path_is_used_as_it_is_without_a_copy()
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/accounts/summary";

        var canonical = CanonicalPath.Of(request);

        Assert.Same(request.Path.Value, canonical.Value);
        Assert.Null(request.HttpContext.Features.Get<CanonicalPathFeature>());
    }

    [Fact]
    public void A_request_path_is_canonicalised_once_and_again_only_when_it_changes()
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/login;jsessionid=1/";

        var first = CanonicalPath.Of(request);
        var second = CanonicalPath.Of(request);
        request.Path = "//transfer/";
        var third = CanonicalPath.Of(request);

        Assert.Equal("/login", first.Value);
        Assert.Same(first.Value, second.Value);
        Assert.Equal("/transfer", third.Value);
    }

    [Fact]
    public void Either_reading_names_a_configured_path_ignoring_case()
    {
        Assert.True(CanonicalPath.Of("/LOGIN/").Is("/login"));
        Assert.True(CanonicalPath.Of("/%2Flogin").Is("/login"));
        Assert.False(CanonicalPath.Of("/login2").Is("/login"));
        Assert.True(CanonicalPath.Of("//.MFA/challenge/").IsUnder("/.mfa"));
        Assert.False(CanonicalPath.Of("/.mfax/challenge").IsUnder("/.mfa"));
    }

    [Theory]
    [InlineData("/login/", "/login")]
    [InlineData("//a/./b/../c/", "/a/c")]
    [InlineData("/static/**/", "/static/**")]
    public void Configured_paths_are_compiled_into_the_canonical_form(string text, string expected)
    {
        Assert.Equal(expected, CanonicalPath.FromConfig(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("/login;jsessionid=1")]
    [InlineData("/a%2Fb")]
    [InlineData("/a\\b")]
    [InlineData("/a\tb")]
    [InlineData("login")]
    public void Configured_paths_an_app_never_routes_as_written_are_refused(string text)
    {
        Assert.Null(CanonicalPath.FromConfig(text, out var error));
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }
}
