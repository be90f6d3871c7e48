namespace MfaGateway.Web;

/// <summary>
/// CGI-style stacks (PHP, WSGI, Rack) hand headers to the app as HTTP_X_MFA_USER: "X-Mfa-User" and
/// "X_Mfa_User" arrive as the same variable. Two header names are the same here when they match with
/// case folded and '_' read as '-'.
/// </summary>
public static class HeaderName
{
    public static bool SameForStacks(string sent, string protectedName)
    {
        if (sent.Length != protectedName.Length)
        {
            return false;
        }

        for (var i = 0; i < sent.Length; i++)
        {
            var a = sent[i] == '_' ? '-' : sent[i];
            var b = protectedName[i] == '_' ? '-' : protectedName[i];
            if (a != b && char.ToUpperInvariant(a) != char.ToUpperInvariant(b))
            {
                return false;
            }
        }

        return true;
    }
}
