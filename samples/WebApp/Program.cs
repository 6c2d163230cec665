using JobGen;
using SampleWebApp;

// An ASP.NET Core front end that only enqueues: the jobs run in samples/Worker.
//   dotnet run --project samples/WebApp -- --urls http://127.0.0.1:5080 --redis 127.0.0.1:6379
//   open http://127.0.0.1:5080/jobs for the dashboard
//   curl -X POST http://127.0.0.1:5080/signup -H 'content-type: application/json' -d '{"userId":42,"email":"ada@example.com","locale":"fr-FR"}'
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebAppJsonContext.Default));

var redis = builder.Configuration["Redis"] ?? "127.0.0.1:6379";
builder.Services
    .AddJobGen(o => o.Worker.Enabled = false) // enqueue only
    .UseRedis(redis);
builder.Services.AddSampleAppJobs();
builder.Services.AddJobGenDashboard(o => o.ReadOnly = builder.Configuration["Dashboard:ReadOnly"] == "true");

var app = builder.Build();
app.MapJobEndpoints();
app.MapJobGenDashboard("/jobs"); // loopback only until protected: .RequireAuthorization("ops") (docs/dashboard.md)
app.MapGet("/health", () => "ok");
app.Run();
