using CaseFlow.Web.Audit;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Calendars;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Demo;
using CaseFlow.Web.Enterprises;
using CaseFlow.Web.Evaluation;
using CaseFlow.Web.Health;
using CaseFlow.Web.Hosting;
using CaseFlow.Web.Operations;
using CaseFlow.Web.Pages;
using CaseFlow.Web.Scheduling;
using CaseFlow.Web.Supervision;
using CaseFlow.Web.Screening;

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseFlowHosting();
builder.Services.AddCaseFlowAuth();
builder.Services.AddCaseFlowHealth();
builder.Services.AddCaseFlowDemo(builder.Environment);
builder.Services.AddCases();
builder.Services.AddEvaluation();
builder.Services.AddSupervision();
builder.Services.AddEnterpriseRegister(builder.Configuration);
builder.Services.AddScreening();
builder.Services.AddCaseFlowCalendars();
builder.Services.AddCaseFlowScheduling(builder.Configuration);
builder.Services.AddCaseFlowOperations();

// Server-rendered pages.
builder.Services.AddCaseFlowPages();

var app = builder.Build();
await app.PrepareAsync();

app.UseCaseFlowHosting();

// Our CSS and JS, and the chart library the build copies into wwwroot/lib.
app.UseStaticFiles();

app.UseRouting();
app.UseCaseFlowAuth();
app.UseCaseFlowRequestLog();

app.MapCaseFlowOpenApi();
app.MapCaseFlowHealth();
app.MapCaseFlowMetrics();
app.MapCaseFlowJobsDashboard();
var api = app.MapApiV1();
api.MapAuth();
api.MapAudit();
api.MapCaseEndpoints();
api.MapEvaluation();
api.MapEnterprises();
api.MapSupervision();
api.MapScreening();

// Server-rendered pages.
app.MapCaseFlowPages();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
