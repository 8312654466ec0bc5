using System.Net;

namespace CaseFlow.Web.Operations;

/// <summary>Who may scrape <c>/metrics</c> besides a signed-in admin; bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Networks in CIDR form (<c>10.20.0.0/16</c>, <c>127.0.0.1/32</c>) whose addresses may scrape without a session: the monitoring network.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>The parsed <see cref="AllowedNetworks"/>; the invalid ones are left out (and refused at start by <see cref="Validate"/>).</summary>
    public IReadOnlyList<IPNetwork> Networks =>
        [.. AllowedNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var network) ? network : (IPNetwork?)null).OfType<IPNetwork>()];

    public IReadOnlyList<string> Validate() =>
        [.. AllowedNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _))
            .Select(n => $"{SectionName}:{nameof(AllowedNetworks)} has '{n}', which is not a network in CIDR form (e.g. 10.20.0.0/16).")];

    /// <summary>Whether <paramref name="address"/> lies in one of the allowed networks.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Networks.Any(n => n.Contains(plain));
    }
}
