using MfaGateway.Delivery.Email;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Delivery;

public static class DeliveryRegistration
{
    /// <summary>E-mail through SMTP, texts through the configured SMS provider, and the code messages; each with TryAdd, so a test's own sender (registered first) replaces it.</summary>
    public static IServiceCollection AddGatewayDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.TryAddTransient<Sms.TwilioBaseUrlHandler>();
        services.AddHttpClient(Sms.TwilioSmsSender.ClientName).AddHttpMessageHandler<Sms.TwilioBaseUrlHandler>();
        services.AddHttpClient(Sms.WebhookSmsSender.ClientName);
        services.TryAddSingleton<Sms.TwilioSmsSender>();
        services.TryAddSingleton<Sms.WebhookSmsSender>();
        services.TryAddSingleton<Sms.FileSmsSender>();
        services.TryAddSingleton<ISmsSender, Sms.ProviderSmsSender>();
        services.TryAddSingleton<ICodeMessages, CodeMessages>();
        return services;
    }
}
