using MfaGateway.DemoApp;

DemoApplication.Create(args).Run();
