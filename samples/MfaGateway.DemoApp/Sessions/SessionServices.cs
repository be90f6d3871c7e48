using Microsoft.AspNetCore.Authentication.Cookies;

namespace MfaGateway.DemoApp.Sessions;

internal static class SessionServices
{
    public const string CookieName = "DemoSession";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>A classic cookie session: the only thing that proves who a request belongs to.</summary>
    public static IServiceCollection AddSessionCookie(this IServiceCollection services)
    {
        services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;

                // The demo runs on plain HTTP locally; over HTTPS the cookie is marked Secure.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.LogoutPath = LogoutPath;
                options.ReturnUrlParameter = ReturnUrlParameter;
                options.EventsType = typeof(SessionCookieEvents);
            });
        services.AddSingleton<SessionCookieEvents>();
        services.AddAuthorization();
        return services;
    }
}
