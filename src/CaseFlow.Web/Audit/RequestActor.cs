using CaseFlow.Data.Audit;

namespace CaseFlow.Web.Audit;

/// <summary>Who a request's audit rows name when there is no signed-in user yet (sign-in attempts).</summary>
public static class RequestActor
{
    private const int MaxUsername = 64;
    private const int MaxAddress = 45;

    /// <summary>An actor named by what the request claimed to be, with the client's address.</summary>
    public static AuditActor Anonymous(HttpContext context, long? userId, string? username)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = username is { Length: > MaxUsername } ? username[..MaxUsername] : username;
        return new AuditActor(userId, name, RemoteIpOf(context));
    }

    /// <summary>
    /// The client address as the server saw it (IPv4 written as IPv4 even on a dual-stack socket). Behind a proxy this
    /// is the proxy's address unless forwarded headers are configured.
    /// </summary>
    public static string? RemoteIpOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        var text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return text.Length > MaxAddress ? text[..MaxAddress] : text;
    }
}
