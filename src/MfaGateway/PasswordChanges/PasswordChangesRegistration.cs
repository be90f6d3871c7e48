namespace MfaGateway.PasswordChanges;

public static class PasswordChangesRegistration
{
    /// <summary>Watching the apps' password-change forms and recording changes, wherever they are reported.</summary>
    public static IServiceCollection AddGatewayPasswordChanges(this IServiceCollection services)
    {
        services.AddSingleton<RecentPasswordChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<RecentPasswordChanges>());
        services.AddSingleton<PasswordChangeRecorder>();
        services.AddSingleton<PasswordChangeWatcher>();
        return services;
    }
}
