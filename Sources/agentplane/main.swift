import AgentPlaneCLI

AgentPlane.main()
