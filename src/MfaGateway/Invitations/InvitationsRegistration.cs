using MfaGateway.Challenges;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Invitations;

public static class InvitationsRegistration
{
    public static IServiceCollection AddGatewayInvitations(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IInvitationStore, SqliteInvitationStore>();
        services.TryAddSingleton<InvitationCookie>();
        services.TryAddSingleton<InvitationMailer>();
        services.TryAddSingleton<InvitationService>();
        services.TryAddSingleton<IEnrolmentGate, InvitationGate>();
        return services;
    }
}
