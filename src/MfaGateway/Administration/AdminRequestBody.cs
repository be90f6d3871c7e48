using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MfaGateway.Enforcement;

namespace MfaGateway.Administration;

/// <summary>
/// Reads the optional {"reason": "..."} body of an admin action. No body at all is fine; a body must be
/// application/json (so a cross-site form cannot post here) and a small JSON object.
/// </summary>
public static class AdminRequestBody
{
    public const int MaxBytes = 4096;
    public const int MaxReasonLength = 500;

    /// <returns>Whether the body was acceptable; when it was not, the error answer has been written.</returns>
    public static async Task<(bool Ok, string? Reason)> ReadReasonAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await ReadUpToAsync(context.Request.Body, buffer.AsMemory(0, MaxBytes + 1), context.RequestAborted);
            if (length == 0)
            {
                return (true, null);
            }

            if (length > MaxBytes)
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.InvalidRequest, $"The body may hold at most {MaxBytes} bytes.");
                return (false, null);
            }

            if (!context.Request.HasJsonContentType())
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidRequest, "Send no body, or application/json.");
                return (false, null);
            }

            return await ParseAsync(context, buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(bool Ok, string? Reason)> ParseAsync(HttpContext context, ReadOnlyMemory<byte> json)
    {
        AdminActionRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(json.Span, AdministrationJsonContext.Default.AdminActionRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object whose only property is an optional \"reason\" string.");
            return (false, null);
        }

        var reason = request.Reason?.Trim();
        if (reason?.Length > MaxReasonLength)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"The reason may be at most {MaxReasonLength} characters.");
            return (false, null);
        }

        return (true, string.IsNullOrEmpty(reason) ? null : reason);
    }

    /// <summary>A required JSON object body of at most <see cref="MaxBytes"/>, read into <typeparamref name="T"/>.</summary>
    /// <param name="shape">What the body must look like, for the 400 when it does not.</param>
    public static async Task<(bool Ok, T? Value)> ReadObjectAsync<T>(HttpContext context, JsonTypeInfo<T> type, string shape)
        where T : class
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await ReadUpToAsync(context.Request.Body, buffer.AsMemory(0, MaxBytes + 1), context.RequestAborted);
            if (length > MaxBytes)
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.InvalidRequest, $"The body may hold at most {MaxBytes} bytes.");
                return (false, null);
            }

            if (length > 0 && !context.Request.HasJsonContentType())
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidRequest, "Send application/json.");
                return (false, null);
            }

            T? value = null;
            try
            {
                value = length == 0 ? null : JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
            }
            catch (JsonException)
            {
            }

            if (value is null)
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"The body must be a JSON object: {shape}.");
                return (false, null);
            }

            return (true, value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A reason as the audit keeps it: trimmed, null when empty, false when too long.</summary>
    public static bool TryTrimReason(string? reason, out string? trimmed)
    {
        trimmed = reason?.Trim();
        trimmed = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        return trimmed is null || trimmed.Length <= MaxReasonLength;
    }

    private static async Task<int> ReadUpToAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await body.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
