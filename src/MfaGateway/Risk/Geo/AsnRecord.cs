using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>An ASN (or ISP) record as the gateway reads it: the number and the organisation, nothing of an ISP record's other fields.</summary>
internal sealed class AsnRecord
{
    [Constructor]
    public AsnRecord(
        [MapKey("autonomous_system_number")] long? number,
        [MapKey("autonomous_system_organization")] string? organization)
    {
        Number = number;
        Organization = organization;
    }

    public long? Number { get; }

    public string? Organization { get; }
}
