using MfaGateway.Delivery.Email;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Delivery;

public static class DeliveryRegistration
{
    /// <summary>E-mail through SMTP and the code messages; each with TryAdd, so a test's own sender (registered first) replaces it.</summary>
    public static IServiceCollection AddGatewayDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.TryAddSingleton<ICodeMessages, CodeMessages>();
        return services;
    }
}
