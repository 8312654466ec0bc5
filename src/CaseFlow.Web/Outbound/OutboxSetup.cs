using CaseFlow.Data.Notifications;
using CaseFlow.Web.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseFlow.Web.Outbound;

/// <summary>The outbox's delivery side: options, the two channels on IHttpClientFactory, the delivery pass and its job.</summary>
public static class OutboxSetup
{
    /// <exception cref="InvalidOperationException">The <c>Outbox</c> section does not validate; the message lists why.</exception>
    public static IServiceCollection AddCaseFlowOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OutboxOptions.SectionName);
        var problems = (section.Get<OutboxOptions>() ?? new OutboxOptions()).Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("CaseFlow cannot send its outbound messages:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)));
        }

        services.AddOptions<OutboxOptions>().Bind(section);
        services.TryAddSingleton<Outbox>();
        foreach (var name in new[] { WebhookChannel.ClientName, SmsGatewayChannel.ClientName })
        {
            // Each channel keeps its own timeout; a redirect would send a signed body somewhere not configured.
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboundChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboundChannel, SmsGatewayChannel>());
        services.TryAddSingleton<OutboxDelivery>();
        services.TryAddSingleton<Scheduling.SweepBacklog>();
        services.TryAddScoped<OutboxDeliveryJob>();
        services.Replace(ServiceDescriptor.Singleton<IOutboxHealth, OutboxHealthCheck>());
        return services;
    }
}
