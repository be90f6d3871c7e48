using QRCoder;

namespace MfaGateway.Factors.Totp;

internal static class QrCodeImage
{
    /// <summary>
    /// A PNG data URI of <paramref name="text"/>. Error correction M and a 4-module quiet zone
    /// scan reliably from a laptop screen.
    /// </summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
