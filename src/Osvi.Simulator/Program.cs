namespace Osvi.Simulator;

// Not top-level statements: .NET 10 makes a top-level Program public in the global namespace, which would collide with
// the dashboard's Program in every assembly that references both.
internal static class Program
{
    private static void Main(string[] args)
    {
        var app = SimulatorApp.Build(args);
        app.Lifetime.ApplicationStarted.Register(() => SimulatorApp.PrintBanner(app));
        app.Run();
    }
}
