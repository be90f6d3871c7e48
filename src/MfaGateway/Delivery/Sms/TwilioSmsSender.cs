using MfaGateway.Observability;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MfaGateway.Delivery.Sms;

/// <summary>
/// Texts through Twilio's Messages API with the official SDK, on an HttpClient from the factory (so
/// handlers, pooling and DNS refresh are the framework's). A 5xx, a 429 or a network fault can be
/// retried; any other refusal (a 4xx: a number Twilio will not text, bad credentials) cannot.
/// </summary>
public sealed partial class TwilioSmsSender(IHttpClientFactory clients, ILogger<TwilioSmsSender> logger)
{
    public const string ClientName = "twilio";

    public async Task<DeliveryResult> SendAsync(SmsMessage message, TwilioSettings twilio, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        http.Timeout = timeout;
        var client = new TwilioRestClient(twilio.AccountSid, twilio.AuthToken, twilio.AccountSid, httpClient: new SystemNetHttpClient(http));
        var options = new CreateMessageOptions(new PhoneNumber(message.To)) { PathAccountSid = twilio.AccountSid, Body = message.Body };
        if (twilio.MessagingServiceSid is { } service)
        {
            options.MessagingServiceSid = service;
        }
        else
        {
            options.From = new PhoneNumber(twilio.From);
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // The SDK takes no token: the HttpClient's timeout bounds the call.
            await MessageResource.CreateAsync(options, client);
            return DeliveryResult.Ok;
        }
        catch (ApiException ex)
        {
            var transient = ex.Status >= 500 || ex.Status == 429;
            var problem = $"Twilio answered {ex.Status} (error {ex.Code})";
            LogNotSent(logger, problem, transient);
            return DeliveryResult.Failed(problem, transient);
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException)
        {
            const string problem = "Twilio could not be reached in time";
            LogNotSent(logger, problem, true);
            return DeliveryResult.Failed(problem, transient: true);
        }
    }

    [LoggerMessage(EventId = EventIds.SmsNotSent, Level = LogLevel.Warning, Message = "Text message not sent: {Problem} (may be retried: {Transient})")]
    private static partial void LogNotSent(ILogger logger, string problem, bool transient);
}

/// <summary>Sends the SDK's requests to Gateway:Sms:Twilio:BaseUrl when one is set (a loopback fake of the Messages API in tests).</summary>
public sealed class TwilioBaseUrlHandler(ISmsSettingsSource settings) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (settings.Current?.Twilio?.BaseUrl is { } baseUrl && request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseUrl, uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
