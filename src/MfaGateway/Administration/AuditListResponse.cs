using MfaGateway.Audit;

namespace MfaGateway.Administration;

/// <summary>One page of audit events, newest first.</summary>
/// <param name="Total">Events matching the filters, on all pages.</param>
/// <param name="NextPage">The page to ask for next, or null on the last page.</param>
public sealed record AuditListResponse(IReadOnlyList<AuditEvent> Events, int Page, int PageSize, long Total, int? NextPage)
{
    public static AuditListResponse From(AuditPage page) =>
        new(page.Events, page.Page, page.PageSize, page.Total, (long)page.Page * page.PageSize < page.Total ? page.Page + 1 : null);
}
