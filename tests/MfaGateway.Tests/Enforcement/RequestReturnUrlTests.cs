using MfaGateway.Enforcement;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Enforcement;

public sealed class RequestReturnUrlTests
{
    [Theory]
    [InlineData("", "//evil.com/x", "", "/")]
    [InlineData("", "/\\evil.com/x", "", "/%5Cevil.com/x")] // PathString escapes the backslash: a path on this site
    [InlineData("", "/\t/evil", "", "/%09/evil")]
    [InlineData("", "/dashboard", "?tab=2", "/dashboard?tab=2")]
    [InlineData("/bank", "/dashboard", "", "/bank/dashboard")]
    [InlineData("", "/", "", "/")]
    [InlineData("", "", "", "/")]
    public void Of_returns_the_request_address_only_when_it_is_local(string pathBase, string path, string query, string expected)
    {
        var request = new DefaultHttpContext().Request;
        request.PathBase = pathBase;
        request.Path = path;
        request.QueryString = new QueryString(query);

        Assert.Equal(expected, RequestReturnUrl.Of(request));
    }
}
